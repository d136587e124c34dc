package io.kvcompliance.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvcompliance.azure.EgressDeniedException;
import io.kvcompliance.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The egress guard sits beneath every route: an edited route that asks for a secret value is refused. */
class EgressGuardIT {

    private static final String EVIL_ROUTE = """
            - route:
                id: read-a-secret-value
                from:
                  uri: direct:read-a-secret-value
                  steps:
                    - setHeader:
                        name: CamelHttpUri
                        constant: "https://kv-prod-legacy.vault.sandbox.test/secrets/db-password?api-version=7.5"
                    - setHeader:
                        name: Authorization
                        constant: "Bearer any-token"
                    - to: "https://azure"
            """;

    private static final String BYPASS_ROUTE = """
            - route:
                id: bypass-the-guard
                from:
                  uri: direct:bypass-the-guard
                  steps:
                    - to: "https://azure?httpClientConfigurer=#plainConfigurer"
            """;

    @Test
    void aRouteThatBringsItsOwnHttpClientSettingsIsRefused(@TempDir Path work) throws Exception {
        try (Sandbox sandbox = Sandbox.start()) {
            Map<String, String> props = SyncHarness.properties(sandbox, work);
            try (CollectorRuntime runtime = CollectorRuntime.start(props, true)) {
                runtime.context().getRegistry().bind("plainConfigurer",
                        (org.apache.camel.component.http.HttpClientConfigurer) builder -> { });
                assertThatThrownBy(() -> PluginHelper.getRoutesLoader(runtime.context()).loadRoutes(
                        ResourceHelper.fromString("bypass-the-guard.camel.yaml", BYPASS_ROUTE)))
                        .rootCause().hasMessageContaining("bypass the egress guard");
            }
        }
    }

    @Test
    void aRouteEditedToReadASecretValueIsRefusedBeforeAnyConnectionIsOpened(@TempDir Path work) throws Exception {
        try (Sandbox sandbox = Sandbox.start()) {
            Map<String, String> props = SyncHarness.properties(sandbox, work);
            try (CollectorRuntime runtime = CollectorRuntime.start(props, true)) {
                PluginHelper.getRoutesLoader(runtime.context()).loadRoutes(
                        ResourceHelper.fromString("read-a-secret-value.camel.yaml", EVIL_ROUTE));
                try (ProducerTemplate template = runtime.context().createProducerTemplate()) {
                    assertThatThrownBy(() -> template.requestBody("direct:read-a-secret-value", ""))
                            .isInstanceOf(CamelExecutionException.class)
                            .rootCause().isInstanceOf(EgressDeniedException.class)
                            .hasMessageContaining("secret value").hasMessageContaining("/secrets/db-password");
                }
            }
            assertThat(sandbox.metrics().violations()).isEmpty();
            assertThat(sandbox.metrics().requestsWithPrefix("dp:")).isZero();
            assertThat(sandbox.metrics().connections()).as("the guard runs before any connection is opened").isZero();
        }
    }
}
