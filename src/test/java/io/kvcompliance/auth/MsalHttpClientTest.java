package io.kvcompliance.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.aad.msal4j.HttpMethod;
import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.IHttpResponse;
import io.kvcompliance.azure.HostOverrides;
import io.kvcompliance.sandbox.Sandbox;
import io.kvcompliance.sandbox.http.SandboxSettings;
import io.kvcompliance.sandbox.model.TenantDef;
import io.kvcompliance.sandbox.model.TenantFixture;
import io.kvcompliance.sandbox.model.UserDef;
import java.lang.reflect.Constructor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The transport msal4j gets: requests go out as msal4j built them, answers come back untouched. */
class MsalHttpClientTest {
    private static final String TENANT = UUID.randomUUID().toString();
    private static Sandbox sandbox;

    @BeforeAll
    static void start() throws Exception {
        TenantDef tenant = new TenantDef(TENANT, "Contoso", "contoso.onmicrosoft.com",
                List.of(new UserDef(UUID.randomUUID().toString(), "alice@contoso.onmicrosoft.com", "Alice", true,
                        List.of())), List.of(), List.of(), List.of(), List.of(), List.of());
        sandbox = Sandbox.start(new TenantFixture("auth tests", List.of(tenant), Map.of()), SandboxSettings.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        sandbox.close();
    }

    /** msal4j's HttpRequest constructors are package-private; msal4j itself is the only normal caller. */
    private static HttpRequest request(HttpMethod method, String url, Map<String, String> headers, String body)
            throws Exception {
        Constructor<HttpRequest> c = HttpRequest.class.getDeclaredConstructor(HttpMethod.class, String.class,
                Map.class, String.class);
        c.setAccessible(true);
        return c.newInstance(method, url, headers, body);
    }

    private static MsalHttpClient client(HostOverrides overrides) {
        return new MsalHttpClient(sandbox.tls().clientContext(), overrides, Duration.ofSeconds(5),
                Duration.ofSeconds(10));
    }

    @Test
    void getReachesThePortLessHostThroughTheOverrides() throws Exception {
        try (MsalHttpClient http = client(sandbox.hostOverrides())) {
            IHttpResponse r = http.send(request(HttpMethod.GET,
                    sandbox.authority(TENANT) + "v2.0/.well-known/openid-configuration", Map.of(), null));

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"issuer\":\"https://login.sandbox.test/" + TENANT + "/v2.0\"");
            assertThat(r.headers().get("Content-Type")).containsExactly("application/json; charset=utf-8");
        }
    }

    @Test
    void postSendsTheFormAndReturnsErrorAnswersAsTheyCame() throws Exception {
        try (MsalHttpClient http = client(sandbox.hostOverrides())) {
            IHttpResponse r = http.send(request(HttpMethod.POST, sandbox.authority(TENANT) + "oauth2/v2.0/token",
                    Map.of("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8",
                            "client-request-id", "00000000-0000-4000-8000-0000000000aa"),
                    "grant_type=client_credentials&client_id=unknown-app&scope=https%3A%2F%2Fvault.azure.net%2F.default"));

            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("\"error\":\"unauthorized_client\"").contains("AADSTS700016")
                    .contains("00000000-0000-4000-8000-0000000000aa");
        }
    }

    @Test
    void verifiesTheHostNameAgainstTheCertificate() throws Exception {
        HostOverrides elsewhere = HostOverrides.of(Map.of("*.example.test",
                new InetSocketAddress("127.0.0.1", sandbox.port())));
        try (MsalHttpClient http = client(elsewhere)) {
            assertThatThrownBy(() -> http.send(request(HttpMethod.GET,
                    "https://login.example.test/common/discovery/instance", Map.of(), null)))
                    .isInstanceOf(SSLException.class);
        }
    }

    @Test
    void withoutAnSslContextTheJvmTrustStoreRefusesTheSandbox() throws Exception {
        try (MsalHttpClient http = new MsalHttpClient(null, sandbox.hostOverrides(), Duration.ofSeconds(5),
                Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> http.send(request(HttpMethod.GET, sandbox.authority(TENANT)
                    + "v2.0/.well-known/openid-configuration", Map.of(), null))).isInstanceOf(SSLException.class);
        }
    }
}
