package io.leadhandoff.common;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/**
 * JSON bytes as strict as RFC 8259 and RFC 3629 say, checked as the parser reads them: well-formed UTF-8 only
 * (no overlong forms such as {@code C0 AF} for "/", no encoded surrogates, nothing past U+10FFFF, no NUL byte, which
 * UTF-8 JSON never holds but UTF-16 would), and every {@code \}{@code u} escape of a surrogate paired. Jackson decodes
 * overlong forms and keeps lone surrogates, which the database then stores as "?": the text a caller sent would not be
 * the text kept. A violation is a {@link JsonParseException}, answered as malformed JSON like any other.
 */
public final class StrictJsonBytes extends InputDecorator {

    @Override
    public InputStream decorate(IOContext context, InputStream in) {
        return new Checked(in);
    }

    @Override
    public InputStream decorate(IOContext context, byte[] data, int offset, int length) {
        return new Checked(new ByteArrayInputStream(data, offset, length));
    }

    /** Characters were decoded by the caller (text the service itself holds); there are no bytes to check. */
    @Override
    public Reader decorate(IOContext context, Reader reader) {
        return null;
    }

    /** Checks {@code bytes} whole; the problem, or null when they are strict JSON bytes. */
    public static String problem(byte[] bytes) {
        Validator v = new Validator();
        for (byte b : bytes) {
            String problem = v.next(b & 0xFF);
            if (problem != null) {
                return problem;
            }
        }
        return v.end();
    }

    private static final class Checked extends FilterInputStream {
        private final Validator validator = new Validator();

        Checked(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                fail(validator.end());
            } else {
                fail(validator.next(b));
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n < 0) {
                fail(validator.end());
            }
            for (int i = 0; i < n; i++) {
                fail(validator.next(buffer[offset + i] & 0xFF));
            }
            return n;
        }

        private static void fail(String problem) throws JsonParseException {
            if (problem != null) {
                throw new JsonParseException((JsonParser) null, problem);
            }
        }
    }

    /** A byte-at-a-time state machine: the UTF-8 sequence in progress and the JSON escape in progress. */
    static final class Validator {
        private int continuations;
        private int lowest = 0x80;
        private int highest = 0xBF;
        private long offset;
        private int escape = -1;      // -1: none; 0: after a backslash; 1..4: hex digits of a \\u escape read so far
        private int escaped;
        private boolean highPending;

        String next(int b) {
            offset++;
            if (continuations > 0) {
                if (b < lowest || b > highest) {
                    return "not well-formed UTF-8 at byte " + offset + " (an overlong form, an encoded surrogate or a broken sequence)";
                }
                lowest = 0x80;
                highest = 0xBF;
                continuations--;
                return null;
            }
            if (b >= 0x80) {
                return lead(b);
            }
            if (b == 0) {
                return "a NUL byte at byte " + offset + ": the body must be UTF-8 JSON";
            }
            return ascii(b);
        }

        String end() {
            if (continuations > 0) {
                return "the body ends inside a UTF-8 sequence";
            }
            return highPending || escape >= 0 ? "the body ends inside an escape" : null;
        }

        private String lead(int b) {
            if (highPending) {
                return loneSurrogate();
            }
            escape = -1;
            if (b >= 0xC2 && b <= 0xDF) {
                continuations = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                continuations = 2;
                lowest = b == 0xE0 ? 0xA0 : 0x80;
                highest = b == 0xED ? 0x9F : 0xBF;
            } else if (b >= 0xF0 && b <= 0xF4) {
                continuations = 3;
                lowest = b == 0xF0 ? 0x90 : 0x80;
                highest = b == 0xF4 ? 0x8F : 0xBF;
            } else {
                return "not well-formed UTF-8 at byte " + offset + " (byte " + String.format("%02X", b) + " cannot start a character)";
            }
            return null;
        }

        private String ascii(int b) {
            if (escape == 0) {
                if (b == 'u') {
                    escape = 1;
                    escaped = 0;
                    return null;
                }
                escape = -1;
                return highPending ? loneSurrogate() : null;
            }
            if (escape > 0) {
                int digit = Character.digit(b, 16);
                if (digit < 0) {
                    escape = -1;   // not an escape at all: the parser refuses it
                    return null;
                }
                escaped = escaped * 16 + digit;
                if (escape++ < 4) {
                    return null;
                }
                escape = -1;
                return surrogate(escaped);
            }
            if (b == '\\') {
                escape = 0;
                return null;
            }
            return highPending ? loneSurrogate() : null;
        }

        private String surrogate(int unit) {
            if (Character.isHighSurrogate((char) unit)) {
                if (highPending) {
                    return loneSurrogate();
                }
                highPending = true;
            } else if (Character.isLowSurrogate((char) unit)) {
                if (!highPending) {
                    return loneSurrogate();
                }
                highPending = false;
            } else if (highPending) {
                return loneSurrogate();
            }
            return null;
        }

        private String loneSurrogate() {
            return "a lone surrogate escape before byte " + offset + ": a \\uD800-\\uDBFF escape must be followed by a "
                    + "\\uDC00-\\uDFFF escape, and only by one";
        }
    }
}
