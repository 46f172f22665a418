package io.leadhandoff.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A real HTTP endpoint on 127.0.0.1 that records every request and answers as its behaviour says (by the request's
 * number, from 1). It de-duplicates by {@code webhook-id} as a well-behaved receiver does.
 */
public final class Receiver implements AutoCloseable {

    /** One request as received. */
    public record Request(String id, String timestamp, String signature, String body) {
    }

    /** What to answer: a status, optional headers, and a delay before answering (to simulate a hang). */
    public record Reply(int status, Map<String, String> headers, long delayMillis) {
        public static Reply ok() {
            return new Reply(204, Map.of(), 0);
        }

        public static Reply status(int status) {
            return new Reply(status, Map.of(), 0);
        }

        /** No answer at all: the connection is closed once the request is read (a kept-alive connection the server dropped). */
        public static Reply drop() {
            return new Reply(DROP, Map.of(), 0);
        }
    }

    private static final int DROP = -1;

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile IntFunction<Reply> behaviour;

    public Receiver(IntFunction<Reply> behaviour) throws IOException {
        this(0, behaviour);
    }

    /** On a given port (0: any free one). */
    public Receiver(int port, IntFunction<Reply> behaviour) throws IOException {
        this.behaviour = behaviour;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    static Receiver ok() throws IOException {
        return new Receiver(n -> Reply.ok());
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    void behave(IntFunction<Reply> next) {
        behaviour = next;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        requests.add(new Request(exchange.getRequestHeaders().getFirst("webhook-id"), exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                exchange.getRequestHeaders().getFirst("webhook-signature"), body));
        Reply reply = behaviour.apply(count.incrementAndGet());
        if (reply.delayMillis() > 0) {
            try {
                Thread.sleep(reply.delayMillis()); // the hang being simulated, not a wait of the test
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (reply.status() == DROP) {
            exchange.close();
            return;
        }
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] answer = ("answer " + reply.status()).getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(reply.status(), reply.status() == 204 ? -1 : answer.length);
            if (reply.status() != 204) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        } catch (IOException clientGone) {
            // the sender gave up (timeout): nothing to answer
        } finally {
            exchange.close();
        }
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** The requests a de-duplicating receiver would process: the first of each {@code webhook-id}, in arrival order. */
    public List<Request> deduplicated() {
        Map<String, Request> first = new LinkedHashMap<>();
        for (Request r : requests) {
            first.putIfAbsent(r.id(), r);
        }
        return new ArrayList<>(first.values());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
