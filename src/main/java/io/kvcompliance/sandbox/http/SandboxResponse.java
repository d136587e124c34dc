package io.kvcompliance.sandbox.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler answers: status, headers, body, the operation name it counts under, and whether
 * the connection should be dropped instead (an injected reset).
 */
public final class SandboxResponse {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final byte[] body;
    private String operation = "unknown";
    private boolean dropConnection;

    public SandboxResponse(int status, String contentType, byte[] body) {
        this.status = status;
        this.body = body == null ? new byte[0] : body;
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
    }

    public static SandboxResponse json(int status, Object value) {
        try {
            byte[] bytes = value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(value);
            return new SandboxResponse(status, "application/json; charset=utf-8", bytes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise sandbox response", e);
        }
    }

    public static SandboxResponse html(int status, String html) {
        return new SandboxResponse(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    public static SandboxResponse text(int status, String text) {
        return new SandboxResponse(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    public static SandboxResponse redirect(String location) {
        return new SandboxResponse(302, null, null).header("Location", location);
    }

    /** A dropped connection: nothing is written, the socket is closed. */
    public static SandboxResponse connectionReset() {
        SandboxResponse r = new SandboxResponse(0, null, null);
        r.dropConnection = true;
        return r;
    }

    public SandboxResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public SandboxResponse operation(String name) {
        this.operation = name;
        return this;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public String operation() {
        return operation;
    }

    public boolean dropConnection() {
        return dropConnection;
    }
}
