package io.kvcompliance.delivery;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** A real webhook endpoint on 127.0.0.1: records every request and answers as each test scripts it (200 by default). */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as received. */
    public record Request(String method, String path, Headers headers, String body) {
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** A scripted answer; {@code hang} holds the response until the receiver closes. */
    public record Answer(int status, String body, Map<String, String> headers, boolean hang) {
        public static Answer status(int status) {
            return new Answer(status, "", Map.of(), false);
        }

        public static Answer status(int status, String body) {
            return new Answer(status, body, Map.of(), false);
        }

        public static Answer hanging() {
            return new Answer(200, "", Map.of(), true);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Queue<Function<Request, Answer>> script = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch closing = new CountDownLatch(1);

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/kv");
    }

    /** Answers the next requests, in order, with these; once used up, 200. */
    public WebhookReceiver then(Answer... answers) {
        for (Answer a : answers) {
            script.add(r -> a);
        }
        return this;
    }

    /** Answers the next request with whatever the function makes of it (e.g. echoing its headers). */
    public WebhookReceiver then(Function<Request, Answer> answer) {
        script.add(answer);
        return this;
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    copy(exchange.getRequestHeaders()), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            requests.add(request);
            Function<Request, Answer> next = script.poll();
            Answer answer = next == null ? Answer.status(200) : next.apply(request);
            if (answer.hang()) {
                closing.await(30, TimeUnit.SECONDS);
            }
            answer.headers().forEach(exchange.getResponseHeaders()::add);
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Headers copy(Headers headers) {
        Headers copy = new Headers();
        copy.putAll(headers);
        return copy;
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
