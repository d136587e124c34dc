package io.kvcompliance.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The loopback redirect URI: form_post and query answers, state checked, errors surfaced. */
class LoopbackCallbackTest {
    final HttpClient http = HttpClient.newHttpClient();
    final AtomicReference<Map<String, String>> received = new AtomicReference<>();

    LoopbackCallback callback(String state) throws Exception {
        return new LoopbackCallback(state, fields -> {
            if (fields.containsKey("error")) {
                throw new SignInException("refused: " + fields.get("error"), fields.get("error"), false, null);
            }
            received.set(fields);
            return SignInPages.message("Connected", "as alice");
        });
    }

    HttpResponse<String> post(URI uri, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void formPostWithTheRightStateIsHandledOnce() throws Exception {
        try (LoopbackCallback cb = callback("s-1")) {
            assertThat(cb.redirectUri().toString()).matches("http://localhost:\\d+/callback");

            HttpResponse<String> page = post(cb.redirectUri(), "code=abc%2B1&state=s-1");

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Connected");
            assertThat(cb.await(Duration.ofSeconds(1))).isTrue();
            assertThat(received.get()).containsEntry("code", "abc+1");
            assertThat(post(cb.redirectUri(), "code=again&state=s-1").statusCode()).isEqualTo(409);
        }
    }

    @Test
    void queryAnswerIsAcceptedAsAFallback() throws Exception {
        try (LoopbackCallback cb = callback("s-2")) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(cb.redirectUri() + "?code=q&state=s-2"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(cb.await(Duration.ofSeconds(1))).isTrue();
            assertThat(received.get()).containsEntry("code", "q");
        }
    }

    @Test
    void answerWithAnotherStateIsRefusedAndTheWaitGoesOn() throws Exception {
        try (LoopbackCallback cb = callback("s-3")) {
            assertThat(post(cb.redirectUri(), "code=abc&state=forged").statusCode()).isEqualTo(400);

            assertThat(cb.await(Duration.ofMillis(200))).isFalse();
            assertThat(received.get()).isNull();
        }
    }

    @Test
    void errorAnswerEndsTheWaitWithTheSignInError() throws Exception {
        try (LoopbackCallback cb = callback("s-4")) {
            HttpResponse<String> page = post(cb.redirectUri(), "error=access_denied&error_description=AADSTS65001&state=s-4");

            assertThat(page.body()).contains("Sign-in failed").contains("access_denied");
            assertThatThrownBy(() -> cb.await(Duration.ofSeconds(1))).isInstanceOf(SignInException.class)
                    .hasMessageContaining("access_denied");
        }
    }
}
