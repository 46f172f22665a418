package io.leadhandoff.source;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import io.leadhandoff.security.Secrets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The signature schemes of the supported tools, over the raw request bytes. Comparisons are constant-time. */
public final class Signatures {

    private Signatures() {
    }

    public static byte[] hmacSha256(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time comparison of a computed MAC with the one the client sent (in whatever encoding it was decoded from). */
    static boolean same(byte[] expected, byte[] given) {
        return given != null && MessageDigest.isEqual(expected, given);
    }

    /**
     * HubSpot v3: base64 HMAC-SHA256 with the app secret over method + URI + body + timestamp, where
     * the URI has HubSpot's set of percent-escapes decoded.
     */
    public static boolean hubspotV3(String secret, String method, String uri, byte[] body, String timestamp, String signature) {
        byte[] expected = hmacSha256(utf8(secret), utf8(method), utf8(hubspotUri(uri)), body, utf8(timestamp));
        return same(expected, base64(signature));
    }

    /** HubSpot v2: hex SHA-256 of secret + method + URI + body. */
    public static boolean hubspotV2(String secret, String method, String uri, byte[] body, String signature) {
        byte[] expected = Secrets.sha256(utf8(secret), utf8(method), utf8(uri), body);
        return same(expected, hex(signature));
    }

    /** Mautic: base64 HMAC-SHA256 of the raw body with the webhook secret. */
    public static boolean mautic(String secret, byte[] body, String signature) {
        return same(hmacSha256(utf8(secret), body), base64(signature));
    }

    /**
     * Standard Webhooks: {@code webhook-signature} holds space-separated {@code v1,<base64>} entries;
     * any of them may match HMAC-SHA256 over {@code id.timestamp.body} with the base64 key after {@code whsec_}.
     */
    public static boolean standardWebhooks(String secret, String id, String timestamp, byte[] body, String header) {
        byte[] key = base64(secret.startsWith("whsec_") ? secret.substring(6) : secret);
        if (key == null || key.length == 0) {
            return false;
        }
        byte[] expected = hmacSha256(key, utf8(id + "." + timestamp + "."), body);
        boolean any = false;
        for (String entry : header.trim().split(" +")) {
            int comma = entry.indexOf(',');
            if (comma > 0 && entry.substring(0, comma).equals("v1")) {
                any |= same(expected, base64(entry.substring(comma + 1)));
            }
        }
        return any;
    }

    /** A shared secret sent in a header: compared as SHA-256 digests, so length differences don't leak either. */
    public static boolean sharedSecret(String secret, String given) {
        return given != null && MessageDigest.isEqual(Secrets.sha256(utf8(secret)), Secrets.sha256(utf8(given)));
    }

    /** True when {@code check} holds for one of the active secrets (two during rotation). */
    static boolean anySecret(List<String> secrets, java.util.function.Predicate<String> check) {
        boolean ok = false;
        for (String secret : secrets) {
            ok |= check.test(secret);
        }
        return ok;
    }

    /** The URI as HubSpot signs it: these percent-escapes decoded, everything else as sent. */
    static String hubspotUri(String uri) {
        String[][] decode = {{"%3A", ":"}, {"%2F", "/"}, {"%3F", "?"}, {"%40", "@"}, {"%21", "!"}, {"%24", "$"}, {"%27", "'"},
                {"%28", "("}, {"%29", ")"}, {"%2A", "*"}, {"%2C", ","}, {"%3B", ";"}};
        String out = uri;
        for (String[] pair : decode) {
            out = out.replace(pair[0], pair[1]).replace(pair[0].toLowerCase(), pair[1]);
        }
        return out;
    }

    static byte[] base64(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static byte[] hex(String value) {
        if (value == null) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(value.trim().toLowerCase());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
