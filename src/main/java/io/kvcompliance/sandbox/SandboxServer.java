package io.kvcompliance.sandbox;

import io.kvcompliance.sandbox.SandboxRouter.Api;
import io.kvcompliance.sandbox.http.FaultPolicy;
import io.kvcompliance.sandbox.http.FaultPolicy.Decision;
import io.kvcompliance.sandbox.http.SandboxRequest;
import io.kvcompliance.sandbox.http.SandboxResponse;
import io.kvcompliance.sandbox.tls.SandboxTls;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox's HTTPS listener (Vert.x, one server per event loop sharing one port, TCP_NODELAY on).
 * It turns each exchange into a {@link SandboxRequest}, asks the router, then applies the injected
 * fault and latency: delays are timers, so a slow answer never holds a thread.
 */
final class SandboxServer implements AutoCloseable {
    private final Vertx vertx;
    private final List<HttpServer> servers = new ArrayList<>();
    private final SandboxContext ctx;
    private final SandboxRouter router;
    private int port;

    SandboxServer(SandboxContext ctx, SandboxRouter router) {
        this.ctx = ctx;
        this.router = router;
        System.setProperty("vertx.disableFileCPResolving", "true");
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2)
                .setBlockedThreadCheckInterval(10).setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
    }

    int start(SandboxTls tls, String bindAddress, int requestedPort) throws Exception {
        HttpServerOptions options = new HttpServerOptions().setSsl(true).setHost(bindAddress)
                .setTcpNoDelay(true).setCompressionSupported(false).setIdleTimeout(120)
                .setKeyCertOptions(new PemKeyCertOptions()
                        .setCertValue(Buffer.buffer(tls.certificatePem()))
                        .setKeyValue(Buffer.buffer(tls.privateKeyPem())));
        // two servers on one explicit port share the listener (Vert.x server sharing), so connections spread
        // over both event loops; sharing is keyed by the requested port, hence a concrete port even for "any"
        int wanted = requestedPort != 0 ? requestedPort : freePort(bindAddress);
        port = listen(options.setPort(wanted));
        listen(new HttpServerOptions(options));
        return port;
    }

    private static int freePort(String bindAddress) throws java.io.IOException {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(bindAddress))) {
            return probe.getLocalPort();
        }
    }

    private int listen(HttpServerOptions options) throws Exception {
        HttpServer server = vertx.createHttpServer(options).requestHandler(this::onRequest)
                .connectionHandler(connection -> ctx.metrics().countConnection());
        servers.add(server);
        return server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).actualPort();
    }

    private void onRequest(HttpServerRequest req) {
        req.body().onSuccess(body -> answer(req, body.getBytes()))
                .onFailure(e -> req.response().setStatusCode(400).end());
    }

    private void answer(HttpServerRequest req, byte[] body) {
        Map<String, String> headers = new HashMap<>();
        req.headers().forEach(h -> headers.putIfAbsent(h.getKey(), h.getValue()));
        String host = req.authority() != null ? req.authority().toString() : req.getHeader("Host");
        SandboxRequest request = new SandboxRequest(req.method().name(), host, req.path(), req.query(), headers, body,
                req.remoteAddress() == null ? null : req.remoteAddress().hostAddress());
        Api api = router.classify(request);
        SandboxResponse response;
        try {
            response = router.route(request);
        } catch (RuntimeException e) {
            response = SandboxResponse.json(500, Map.of("error", Map.of("code", "InternalServerError",
                    "message", "sandbox error: " + e))).operation("sandbox:error");
        }
        ctx.metrics().countRequest(response.operation());
        Decision decision = api == Api.ARM || api == Api.DATA_PLANE
                ? ctx.faults().decide(ctx.settings(), request.method() + " " + request.host() + request.pathAndQuery())
                : new Decision(FaultPolicy.Fault.NONE, 0);
        SandboxResponse finalResponse = FaultResponses.apply(decision.fault(), response, api, ctx.metrics());
        if (decision.delayMillis() > 0) {
            vertx.setTimer(decision.delayMillis(), id -> write(req, finalResponse));
        } else {
            write(req, finalResponse);
        }
    }

    private static void write(HttpServerRequest req, SandboxResponse response) {
        if (response.dropConnection()) {
            req.connection().close();
            return;
        }
        var out = req.response().setStatusCode(response.status());
        response.headers().forEach(out::putHeader);
        out.end(Buffer.buffer(response.body()));
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        for (HttpServer server : servers) {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
