package io.kvcompliance.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The run command's on-demand API (bean {@code syncApi}, routes/run/api.camel.yaml): {@code POST /sync}
 * starts a sync and answers 202 with its id, or 409 while one runs; {@code GET /sync/{id}} answers its
 * status, progress and, once ended, its summary. With an API key configured every call must carry it
 * ({@code X-Api-Key}, or {@code Authorization: Bearer}); it is required when the server is not on loopback.
 */
public final class SyncApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SyncControl control;
    private final byte[] apiKey;

    SyncApi(SyncControl control, String apiKey) {
        this.control = control;
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.getBytes(StandardCharsets.UTF_8);
    }

    /** The server must not answer strangers: off loopback, an API key is required. */
    static SyncApi create(SyncControl control, String host, String apiKey) {
        // no host given means camel-main's default, 0.0.0.0: every interface
        boolean loopback = host != null && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1")
                || host.equals("[::1]"));
        if (!loopback && (apiKey == null || apiKey.isBlank())) {
            throw new IllegalArgumentException("camel.server.host is '" + host + "', reachable from other machines,"
                    + " and no API key is set: set the environment variable KV_SERVER_API_KEY, or bind to 127.0.0.1");
        }
        return new SyncApi(control, apiKey);
    }

    public void start(Exchange exchange) throws JsonProcessingException {
        if (!authorized(exchange)) {
            return;
        }
        Optional<SyncRun> started;
        try {
            started = control.submit("api");
        } catch (IllegalStateException e) {
            answer(exchange, 503, Map.of("error", e.getMessage()));
            return;
        }
        if (started.isEmpty()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "a sync is already running; this request was skipped");
            control.running().ifPresent(s -> body.put("running", s.syncId()));
            answer(exchange, 409, body);
            return;
        }
        SyncRun sync = started.get();
        answer(exchange, 202, Map.of("syncId", sync.syncId(), "status", "RUNNING", "href", "/sync/" + sync.syncId()));
        exchange.getMessage().setHeader("Location", "/sync/" + sync.syncId());
    }

    public void status(Exchange exchange) throws JsonProcessingException {
        if (!authorized(exchange)) {
            return;
        }
        String id = exchange.getMessage().getHeader("id", String.class);
        Optional<SyncRun> sync = id == null ? Optional.empty() : control.find(id);
        if (sync.isEmpty()) {
            answer(exchange, 404, Map.of("error", "no sync " + id + " in this process (the newest 100 are kept; the"
                    + " database's sync_runs table has them all)"));
            return;
        }
        answer(exchange, 200, describe(sync.get(), control.running()));
    }

    static Map<String, Object> describe(SyncRun sync, Optional<SyncRun> running) {
        boolean ended = sync.isFinished() && running.map(r -> r != sync).orElse(true);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("syncId", sync.syncId());
        out.put("progress", sync.progress().line(Instant.now()));
        if (ended) {
            out.putAll(SyncRuns.summary(sync));
        } else {
            out.put("trigger", sync.trigger());
            out.put("status", "RUNNING");
            out.put("startedAt", sync.startedAt().toString());
            out.put("durationMillis", sync.duration().toMillis());
        }
        return out;
    }

    private boolean authorized(Exchange exchange) throws JsonProcessingException {
        if (apiKey == null) {
            return true;
        }
        Message in = exchange.getMessage();
        String given = in.getHeader("X-Api-Key", String.class);
        String authorization = in.getHeader("Authorization", String.class);
        if (given == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = authorization.substring(7).trim();
        }
        // the key never travels further than this check (nor back in a response)
        in.removeHeader("X-Api-Key");
        in.removeHeader("Authorization");
        // constant-time comparison: the answer's timing says nothing about how much of the key was right
        if (given != null && MessageDigest.isEqual(apiKey, given.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        answer(exchange, 401, Map.of("error", "an API key is required: send it as X-Api-Key (or Authorization: Bearer)"));
        return false;
    }

    /** The response only: the request's headers (an API key among them) are never echoed back. */
    private static void answer(Exchange exchange, int status, Map<String, ?> body) throws JsonProcessingException {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody(JSON.writeValueAsString(body));
    }
}
