package io.kvcompliance.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The redirect URI of the authorization code flow: a JDK HTTP server on 127.0.0.1 (free port) that takes
 * one answer at {@code /callback}, as the form POST Entra sends (msal4j always asks for form_post) or as
 * a GET query, checks its state, and answers the browser with the page the sign-in produced.
 */
final class LoopbackCallback implements AutoCloseable {
    static final String PATH = "/callback";
    private final HttpServer server;
    private final String state;
    private final Function<Map<String, String>, String> onAnswer;
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    /** @param onAnswer redeems the verified answer and returns the HTML page to show; runs once */
    LoopbackCallback(String state, Function<Map<String, String>, String> onAnswer) throws IOException {
        this.state = state;
        this.onAnswer = onAnswer;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH, this::handle);
        server.start();
    }

    /** {@code http://localhost:<port>/callback}: Entra allows any port on a localhost redirect URI. */
    URI redirectUri() {
        return URI.create("http://localhost:" + server.getAddress().getPort() + PATH);
    }

    /** Waits for the answer to be handled; false when the wait ran out. */
    boolean await(Duration wait) throws InterruptedException {
        try {
            done.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> fields = parse(method.equals("POST") ? body : exchange.getRequestURI().getRawQuery());
        if (!method.equals("POST") && !method.equals("GET")) {
            respond(exchange, 405, SignInPages.message("Method not allowed", "Use the sign-in page."));
            return;
        }
        if (!state.equals(fields.get("state"))) {
            // not the answer to our request (a stale tab, or someone else's): ignore it, keep waiting
            respond(exchange, 400, SignInPages.message("Sign-in not recognised",
                    "This answer does not belong to the sign-in in progress. Start again with connect."));
            return;
        }
        if (done.isDone()) {
            respond(exchange, 409, SignInPages.message("Already handled", "This sign-in has finished."));
            return;
        }
        try {
            respond(exchange, 200, onAnswer.apply(fields));
            done.complete(null);
        } catch (RuntimeException e) {
            respond(exchange, 200, SignInPages.message("Sign-in failed", e.getMessage()));
            done.completeExceptionally(e);
        }
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> out = new HashMap<>();
        if (form == null || form.isEmpty()) {
            return out;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.putIfAbsent(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void respond(HttpExchange exchange, int status, String html) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
