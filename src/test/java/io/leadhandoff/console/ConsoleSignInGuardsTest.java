package io.leadhandoff.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.leadhandoff.Api;
import io.leadhandoff.ForwardedFor;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 32, items 3 and 7: sign-in and sign-out refuse cross-site posts (login CSRF), and sign-in attempts are
 * counted per client as a trusted proxy names it, while an untrusted peer cannot name itself anew with each attempt.
 */
@QuarkusTest
class ConsoleSignInGuardsTest {

    private static final String BAD_KEY = "lh_aaaaaaaaaa_" + "b".repeat(32);

    private static RequestSpecification form() {
        return RestAssured.given().redirects().follow(false);
    }

    @Test
    void aCrossSiteSignInIsRefusedWithoutASession() {
        for (Map<String, String> headers : List.of(
                Map.of("Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"),
                Map.of("Origin", "https://evil.example"),
                Map.of("Sec-Fetch-Site", "same-site"),
                Map.of("Origin", "null"),
                Map.of("Origin", "http://localhost:1"))) {
            Response answer = form().headers(headers).formParam("apiKey", Api.ADMIN_KEY).post("/console/session");
            answer.then().statusCode(403).contentType(containsString("text/html")).body(containsString("another"));
            assertThat(answer.getHeader("Set-Cookie")).as("%s", headers).isNull();
        }
    }

    @Test
    void aSignInFromTheConsolesOwnPageOrWithoutBrowserHeadersWorks() {
        String self = "http://localhost:" + RestAssured.port;
        form().header("Origin", self).header("Sec-Fetch-Site", "same-origin").formParam("apiKey", Api.ADMIN_KEY)
                .post("/console/session").then().statusCode(303).cookie(ConsoleAuth.COOKIE);
        form().header("Sec-Fetch-Site", "none").formParam("apiKey", Api.ADMIN_KEY).post("/console/session").then().statusCode(303);
        // what Chromium sends for the console's own form under Referrer-Policy: no-referrer
        form().header("Origin", "null").header("Sec-Fetch-Site", "same-origin").formParam("apiKey", Api.ADMIN_KEY)
                .post("/console/session").then().statusCode(303).cookie(ConsoleAuth.COOKIE);
        form().formParam("apiKey", Api.ADMIN_KEY).post("/console/session").then().statusCode(303);
    }

    @Test
    void aCrossSiteSignOutIsRefusedAndTheSessionGoesOn() {
        String session = Console.signIn(Api.ADMIN_KEY);
        form().cookie(ConsoleAuth.COOKIE, session).header("Origin", "https://evil.example").header("Sec-Fetch-Site", "cross-site")
                .post("/console/sign-out").then().statusCode(403);
        Console.page(session, "/console").then().statusCode(200);
    }

    @Test
    void behindATrustedProxyEachForwardedClientHasItsOwnSignInBudget() {
        String attacker = ForwardedFor.unique();
        assertThat(signInsUntilRefused(attacker)).as("the attacker's address runs out").isPositive();
        form().header(ForwardedFor.HEADER, ForwardedFor.unique()).formParam("apiKey", BAD_KEY).post("/console/session")
                .then().statusCode(401);
        form().header(ForwardedFor.HEADER, ForwardedFor.unique()).formParam("apiKey", Api.ADMIN_KEY).post("/console/session")
                .then().statusCode(303);
    }

    @Test
    void anUntrustedPeerCannotNameItsOwnAddress() throws IOException {
        // 127.0.0.2 is loopback but not a trusted proxy: its X-Forwarded-For is ignored, so every attempt counts against it
        int refusedAt = 0;
        for (int i = 1; i <= 400 && refusedAt == 0; i++) {
            int status = rawSignIn(InetAddress.getByName("127.0.0.2"), ForwardedFor.unique());
            assertThat(status).isIn(401, 429);
            refusedAt = status == 429 ? i : 0;
        }
        assertThat(refusedAt).as("refused within 400 attempts despite a new X-Forwarded-For each time").isPositive();
    }

    /** Bad sign-ins from one forwarded address until the first 429; the number of attempts it took. */
    private static int signInsUntilRefused(String address) {
        for (int i = 1; i <= 400; i++) {
            int status = form().header(ForwardedFor.HEADER, address).formParam("apiKey", BAD_KEY).post("/console/session").statusCode();
            assertThat(status).isIn(401, 429);
            if (status == 429) {
                return i;
            }
        }
        return 0;
    }

    /** A sign-in posted over a connection made from {@code from}; its status code. */
    private static int rawSignIn(InetAddress from, String forwardedFor) throws IOException {
        String body = "apiKey=" + BAD_KEY;
        String request = "POST /console/session HTTP/1.1\r\nHost: localhost:" + RestAssured.port + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n"
                + ForwardedFor.HEADER + ": " + forwardedFor + "\r\nConnection: close\r\n\r\n" + body;
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), RestAssured.port, from, 0)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12);
            return Integer.parseInt(new String(head, StandardCharsets.US_ASCII).substring(9, 12));
        }
    }
}
