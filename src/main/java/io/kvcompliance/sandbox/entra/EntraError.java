package io.kvcompliance.sandbox.entra;

import io.kvcompliance.sandbox.http.SandboxRequest;
import io.kvcompliance.sandbox.http.SandboxResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One Entra ID error as the v2 endpoints report it: HTTP status, OAuth {@code error}, the AADSTS code and
 * its text, and an optional {@code suberror}. The body carries {@code error_codes}, {@code timestamp},
 * {@code trace_id}, {@code correlation_id} and {@code error_uri} like Entra's (ENTRADOCS
 * reference-error-codes.md); messages never quote a token, secret or assertion.
 */
public record EntraError(int status, String error, int code, String message, String suberror) {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    public static EntraError invalidRequest(int code, String message) {
        return new EntraError(400, "invalid_request", code, message, null);
    }

    public static EntraError invalidGrant(int code, String message) {
        return new EntraError(400, "invalid_grant", code, message, null);
    }

    /** Client authentication failures are 401 at Entra's token endpoint (RFC 6749 §5.2). */
    public static EntraError invalidClient(int code, String message) {
        return new EntraError(401, "invalid_client", code, message, null);
    }

    public static EntraError unauthorizedClient(int code, String message) {
        return new EntraError(400, "unauthorized_client", code, message, null);
    }

    public static EntraError invalidScope(int code, String message) {
        return new EntraError(400, "invalid_scope", code, message, null);
    }

    public static EntraError missingParameter(String name) {
        return invalidRequest(900144, "The request body must contain the following parameter: '" + name + "'.");
    }

    public static EntraError unknownApplication(String clientId, String tenant) {
        return unauthorizedClient(700016, "Application with identifier '" + clientId + "' was not found in the"
                + " directory '" + tenant + "'. This can happen if the application has not been installed by the"
                + " administrator of the tenant or consented to by any user in the tenant. You may have sent your"
                + " authentication request to the wrong tenant.");
    }

    public static EntraError unknownTenant(String tenant) {
        return new EntraError(400, "invalid_tenant", 90002, "Tenant '" + tenant + "' not found. Check to make sure"
                + " you have the correct tenant ID and are signing into the correct cloud.", null);
    }

    public static EntraError consentRequired(String clientId, String appName) {
        return new EntraError(400, "invalid_grant", 65001, "The user or administrator has not consented to use the"
                + " application with ID '" + clientId + "' named '" + appName + "'. Send an interactive"
                + " authorization request for this user and resource.", "consent_required");
    }

    public EntraError withError(String otherError) {
        return new EntraError(status, otherError, code, message, suberror);
    }

    public EntraException exception() {
        return new EntraException(this);
    }

    /** Entra appends trace id, correlation id and timestamp to every description. */
    public String description(String traceId, String correlationId, Instant now) {
        return "AADSTS" + code + ": " + message + "\r\nTrace ID: " + traceId + "\r\nCorrelation ID: "
                + correlationId + "\r\nTimestamp: " + TIMESTAMP.format(now);
    }

    /** The JSON body of the token, devicecode and metadata endpoints. */
    public Map<String, Object> body(String loginHost, String correlationId, Instant now) {
        String traceId = UUID.randomUUID().toString();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", error);
        out.put("error_description", description(traceId, correlationId, now));
        out.put("error_codes", List.of(code));
        out.put("timestamp", TIMESTAMP.format(now));
        out.put("trace_id", traceId);
        out.put("correlation_id", correlationId);
        out.put("error_uri", "https://" + loginHost + "/error?code=" + code);
        if (suberror != null) {
            out.put("suberror", suberror);
        }
        return out;
    }

    public SandboxResponse toResponse(SandboxRequest req, String loginHost, String operation) {
        String correlationId = correlationId(req);
        return noStore(SandboxResponse.json(status, body(loginHost, correlationId, Instant.now())), correlationId)
                .operation(operation);
    }

    /** Entra echoes the client's {@code client-request-id} as the correlation id (msal4j always sends one). */
    static String correlationId(SandboxRequest req) {
        String given = req == null ? null : req.header("client-request-id");
        return given != null && given.matches("[0-9A-Fa-f-]{1,64}") ? given : UUID.randomUUID().toString();
    }

    /** Token answers must never be cached by intermediaries (RFC 6749 §5.1). */
    static SandboxResponse noStore(SandboxResponse response, String correlationId) {
        return response.header("Cache-Control", "no-store, no-cache").header("Pragma", "no-cache")
                .header("x-ms-request-id", UUID.randomUUID().toString()).header("client-request-id", correlationId);
    }
}
