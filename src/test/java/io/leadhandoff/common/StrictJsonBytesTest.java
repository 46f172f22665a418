package io.leadhandoff.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The byte rules of {@link StrictJsonBytes}, over the whole space of code points and escapes. */
class StrictJsonBytesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Property
    void anyWellFormedTextWrittenAsJsonPasses(@ForAll String text) throws JsonProcessingException {
        Assume.that(wellFormed(text));
        assertThat(StrictJsonBytes.problem(MAPPER.writeValueAsBytes(text))).isNull();
    }

    @Property
    void everyCodePointEncodedLongerThanItsShortestFormIsRefused(@ForAll @IntRange(min = 0, max = 0xFFFF) int codePoint,
                                                                  @ForAll @IntRange(min = 2, max = 4) int length) {
        int shortest = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : 3;
        Assume.that(length > shortest);
        assertThat(StrictJsonBytes.problem(quoted(overlong(codePoint, length)))).isNotNull();
    }

    @Property
    void everyUnpairedSurrogateEscapeIsRefused(@ForAll @IntRange(min = 0xD800, max = 0xDFFF) int unit) {
        assertThat(StrictJsonBytes.problem(ascii("{\"v\":\"a\\u" + Integer.toHexString(unit) + "b\"}"))).isNotNull();
        assertThat(StrictJsonBytes.problem(ascii("{\"v\":\"\\u" + Integer.toHexString(unit).toUpperCase() + "\"}"))).isNotNull();
    }

    @Property
    void everyEncodedSurrogateIsRefused(@ForAll @IntRange(min = 0xD800, max = 0xDFFF) int unit) {
        assertThat(StrictJsonBytes.problem(quoted(new byte[] {(byte) (0xE0 | unit >> 12), (byte) (0x80 | (unit >> 6 & 0x3F)),
                (byte) (0x80 | (unit & 0x3F))}))).isNotNull();
    }

    @Test
    void pairedEscapesAndEscapedBackslashesPass() {
        assertThat(StrictJsonBytes.problem(ascii("{\"v\":\"\\ud83d\\ude00\"}"))).isNull();
        assertThat(StrictJsonBytes.problem(ascii("{\"v\":\"\\\\ud800\"}"))).as("a backslash, then the text ud800").isNull();
        assertThat(StrictJsonBytes.problem(ascii("{\"v\":\"\\ud83d\\n\"}"))).isNotNull();
        assertThat(StrictJsonBytes.problem(ascii("{\"v\":\"\\ud83d\\ud83d\"}"))).isNotNull();
        assertThat(StrictJsonBytes.problem(new byte[] {'{', 0, '}'})).as("NUL: UTF-16 would have it").isNotNull();
        assertThat(StrictJsonBytes.problem(new byte[] {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'})).as("past U+10FFFF").isNotNull();
        assertThat(StrictJsonBytes.problem(new byte[] {'"', (byte) 0xE2, (byte) 0x82})).as("cut short").isNotNull();
    }

    private static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(++i)))) {
                return false;
            }
            if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] overlong(int codePoint, int length) {
        byte[] out = new byte[length];
        int bits = codePoint;
        for (int i = length - 1; i > 0; i--) {
            out[i] = (byte) (0x80 | (bits & 0x3F));
            bits >>= 6;
        }
        out[0] = (byte) ((0xFF << (8 - length)) & 0xFF | bits);
        return out;
    }

    private static byte[] quoted(byte[] inner) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"v\":\"".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(inner);
        out.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
