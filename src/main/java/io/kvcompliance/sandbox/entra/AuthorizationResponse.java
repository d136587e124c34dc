package io.kvcompliance.sandbox.entra;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the authorize endpoint sends back to the app's redirect URI: {@code code} and {@code state}, or
 * {@code error}, {@code error_description} and {@code state}, delivered per {@code responseMode}
 * (form_post: a self-submitting form; query/fragment: a redirect). A caller playing the browser POSTs
 * {@link #fields()} to {@link #redirectUri()}, or follows {@link #location()}.
 */
public record AuthorizationResponse(String redirectUri, String responseMode, Map<String, String> fields) {

    public AuthorizationResponse {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    static AuthorizationResponse code(String redirectUri, String responseMode, String code, String state) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("code", code);
        if (state != null) {
            f.put("state", state);
        }
        return new AuthorizationResponse(redirectUri, responseMode, f);
    }

    static AuthorizationResponse error(String redirectUri, String responseMode, String error, String description,
                                       String state) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("error", error);
        f.put("error_description", description);
        if (state != null) {
            f.put("state", state);
        }
        return new AuthorizationResponse(redirectUri, responseMode, f);
    }

    public boolean isError() {
        return fields.containsKey("error");
    }

    public String code() {
        return fields.get("code");
    }

    public String state() {
        return fields.get("state");
    }

    public String error() {
        return fields.get("error");
    }

    public String errorDescription() {
        return fields.get("error_description");
    }

    /** The redirect target for query and fragment modes: the fields appended as Entra appends them. */
    public String location() {
        String encoded = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        if ("fragment".equals(responseMode)) {
            return redirectUri + "#" + encoded;
        }
        return redirectUri + (redirectUri.contains("?") ? "&" : "?") + encoded;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        // the code is a credential: keep it out of logs and assertion messages
        return "AuthorizationResponse[redirectUri=" + redirectUri + ", responseMode=" + responseMode
                + ", fields=" + fields.keySet() + (isError() ? ", error=" + error() : "") + "]";
    }
}
