package io.kvcompliance.sandbox;

import io.kvcompliance.auth.AuthorizationCodeSignIn;
import io.kvcompliance.sandbox.entra.AuthorizationResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * The browser of {@code sync --sandbox}: the sandbox's Entra ID approves the authorize URL as a user (the
 * default user unless one is named), then the answer is POSTed to the connect flow's own loopback
 * callback, exactly what a browser does with Entra's form_post page.
 */
public final class SandboxBrowser implements AuthorizationCodeSignIn.Browser {
    private final Sandbox sandbox;
    private final String user;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param upnOrNull the user who signs in; null for the fixture's default user */
    public SandboxBrowser(Sandbox sandbox, String upnOrNull) {
        this.sandbox = sandbox;
        this.user = upnOrNull;
    }

    @Override
    public void open(URI authorizeUrl) throws IOException, InterruptedException {
        AuthorizationResponse answer = sandbox.entra().approveSignIn(authorizeUrl.toString(), user);
        String form = answer.fields().entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(answer.redirectUri()))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            throw new IOException("the loopback callback answered " + page.statusCode());
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
