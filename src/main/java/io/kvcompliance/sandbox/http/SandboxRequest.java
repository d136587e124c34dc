package io.kvcompliance.sandbox.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as the sandbox's handlers see it: host without port, raw path, decoded query,
 * case-insensitive headers and the body. Handlers are plain functions of this, testable without a socket.
 */
public final class SandboxRequest {
    private final String method;
    private final String host;
    private final String hostHeader;
    private final String path;
    private final String rawQuery;
    private final Map<String, List<String>> query;
    private final Map<String, String> headers;
    private final byte[] body;
    private final String remoteAddress;

    public SandboxRequest(String method, String hostHeader, String path, String rawQuery,
                          Map<String, String> headers, byte[] body, String remoteAddress) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.hostHeader = hostHeader == null ? "" : hostHeader;
        this.host = stripPort(this.hostHeader).toLowerCase(Locale.ROOT);
        this.path = path == null || path.isEmpty() ? "/" : path;
        this.rawQuery = rawQuery == null ? "" : rawQuery;
        this.query = parseForm(this.rawQuery);
        TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        this.headers = Collections.unmodifiableMap(h);
        this.body = body == null ? new byte[0] : body;
        this.remoteAddress = remoteAddress;
    }

    static String stripPort(String hostHeader) {
        if (hostHeader.startsWith("[")) {
            int end = hostHeader.indexOf(']');
            return end > 0 ? hostHeader.substring(0, end + 1) : hostHeader;
        }
        int colon = hostHeader.indexOf(':');
        return colon >= 0 ? hostHeader.substring(0, colon) : hostHeader;
    }

    /** Parses application/x-www-form-urlencoded text (a query string or a form body). */
    public static Map<String, List<String>> parseForm(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    public String method() {
        return method;
    }

    /** Host name without port, lower-cased. */
    public String host() {
        return host;
    }

    /** The Host header as sent, port included when the client sent one. */
    public String hostHeader() {
        return hostHeader;
    }

    public String path() {
        return path;
    }

    public String rawQuery() {
        return rawQuery;
    }

    /** First value of a query parameter (name compared exactly, as Azure does for $top/$skiptoken). */
    public String query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public Map<String, List<String>> queryParameters() {
        return query;
    }

    public String header(String name) {
        return headers.get(name);
    }

    public Map<String, String> headers() {
        return headers;
    }

    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body parsed as a form (token and devicecode endpoints). */
    public Map<String, List<String>> form() {
        return parseForm(bodyText());
    }

    public String formValue(String name) {
        List<String> values = form().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    /** The bearer token of the Authorization header, or null when there is none. */
    public String bearerToken() {
        String auth = header("Authorization");
        if (auth == null || auth.length() < 7 || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = auth.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    /** Path plus query, as the request line carried them. */
    public String pathAndQuery() {
        return rawQuery.isEmpty() ? path : path + "?" + rawQuery;
    }
}
