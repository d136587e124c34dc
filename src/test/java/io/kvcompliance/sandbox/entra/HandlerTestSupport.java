package io.kvcompliance.sandbox.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kvcompliance.sandbox.SandboxContext;
import io.kvcompliance.sandbox.http.SandboxRequest;
import io.kvcompliance.sandbox.http.SandboxResponse;
import io.kvcompliance.sandbox.http.SandboxSettings;
import io.kvcompliance.sandbox.model.TenantStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Base of the endpoint unit tests: calls an EntraIdHandler directly with SandboxRequests, no socket. */
abstract class HandlerTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();
    final EntraTestTenant t = new EntraTestTenant();
    final SandboxContext ctx = new SandboxContext(new TenantStore(t.fixture()), SandboxSettings.defaults(),
            System::nanoTime);
    final EntraIdHandler entra = new EntraIdHandler(ctx);

    SandboxResponse get(String path, Map<String, String> query) {
        return entra.handle(new SandboxRequest("GET", "login.sandbox.test", path, form(query), Map.of(), null,
                "127.0.0.1"));
    }

    SandboxResponse post(String path, Map<String, String> form) {
        return post(path, form, Map.of());
    }

    SandboxResponse post(String path, Map<String, String> form, Map<String, String> headers) {
        return entra.handle(new SandboxRequest("POST", "login.sandbox.test", path, "", headers,
                form(form).getBytes(StandardCharsets.UTF_8), "127.0.0.1"));
    }

    /** Authorize parameters as an app sends them (form_post, state "s-1"); callers change what they test. */
    Map<String, String> authorize(String clientId, String redirectUri, String scope) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("client_id", clientId);
        p.put("response_type", "code");
        p.put("redirect_uri", redirectUri);
        p.put("scope", scope);
        p.put("state", "s-1");
        p.put("response_mode", "form_post");
        return p;
    }

    String authorizePath() {
        return "/" + t.tenantId + "/oauth2/v2.0/authorize";
    }

    String tokenPath() {
        return "/" + t.tenantId + "/oauth2/v2.0/token";
    }

    String authorizeUrl(Map<String, String> params) {
        return "https://login.sandbox.test" + authorizePath() + "?" + form(params);
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** The parameters of a redirect Location (query part). */
    static Map<String, String> query(String location) {
        Map<String, String> out = new LinkedHashMap<>();
        SandboxRequest.parseForm(location.substring(location.indexOf('?') + 1)).forEach((k, v) -> out.put(k, v.get(0)));
        return out;
    }

    static JsonNode json(SandboxResponse r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
