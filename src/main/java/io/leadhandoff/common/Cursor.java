package io.leadhandoff.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque cursor of every paginated list: the keyset position after the last item returned.
 * Clients must treat it as an opaque string; its encoding may change between versions.
 */
public final class Cursor {

    private static final String PREFIX = "v1:";
    private static final int MAX_LENGTH = 512;

    private Cursor() {
    }

    public static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + position).getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor from the {@code cursor} query parameter; null stays null; garbage is a 422. */
    public static String decode(String cursor) {
        return decode(cursor, "cursor");
    }

    public static String decode(String cursor, String parameter) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        if (cursor.length() > MAX_LENGTH) {
            throw ProblemException.invalidParameter(parameter, "is not a cursor returned by this API");
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!decoded.startsWith(PREFIX) || decoded.length() == PREFIX.length()) {
                throw ProblemException.invalidParameter(parameter, "is not a cursor returned by this API");
            }
            return decoded.substring(PREFIX.length());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidParameter(parameter, "is not a cursor returned by this API");
        }
    }
}
