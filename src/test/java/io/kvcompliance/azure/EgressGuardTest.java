package io.kvcompliance.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvcompliance.sandbox.Sandbox;
import io.kvcompliance.sandbox.tls.SandboxTls;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EgressGuardTest {
    private static final String ARM = "https://management.azure.com";
    private static final String SUB = ARM + "/subscriptions/bf6c8352-3afe-406a-8289-e9096c88bfe6";
    private static final String RG = SUB + "/resourceGroups/rg-prod";
    private static final String VAULT = RG + "/providers/Microsoft.KeyVault/vaults/kv-prod";
    private static final String DP = "https://kv-prod.vault.azure.net";
    private static final String VERSION = "0123456789abcdef0123456789ABCDEF";

    private final EgressGuard guard = new EgressGuard(CloudEndpoints.AZURE_CLOUD);

    @TempDir
    Path dir;

    private String allowed(String url) {
        return guard.check("GET", URI.create(url)).name();
    }

    private void assertRefused(String method, String url, String reason) {
        assertThatThrownBy(() -> guard.check(method, url == null ? null : URI.create(url))).as(method + " " + url)
                .isInstanceOf(EgressDeniedException.class).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(reason)
                .hasMessageContaining("keyvault-compliance only calls the listed read-only metadata operations");
    }

    @Test
    void everyListedOperationPasses() {
        Set<String> seen = new HashSet<>();
        for (String url : List.of(ARM + "/subscriptions?api-version=2022-12-01", SUB,
                SUB + "/providers/Microsoft.KeyVault/vaults?api-version=2024-11-01&$top=25",
                RG + "/providers/Microsoft.KeyVault/vaults", VAULT, VAULT + "/keys", VAULT + "/keys/signing-key",
                VAULT + "/secrets?$top=25", VAULT + "/secrets/db-password",
                SUB + "/providers/Microsoft.KeyVault/deletedVaults",
                SUB + "/providers/Microsoft.KeyVault/locations/westeurope/deletedVaults/kv-old",
                SUB + "/providers/Microsoft.KeyVault/managedHSMs", RG + "/providers/Microsoft.KeyVault/managedHSMs",
                RG + "/providers/Microsoft.KeyVault/managedHSMs/hsm-1",
                VAULT + "/providers/Microsoft.Authorization/roleAssignments?$filter=atScope()",
                SUB + "/providers/Microsoft.Authorization/roleDefinitions",
                SUB + "/providers/Microsoft.Authorization/roleDefinitions/00482a5a-887f-4fb3-b363-3b7fe8e74483",
                VAULT + "/providers/Microsoft.Insights/diagnosticSettings?api-version=2021-05-01-preview")) {
            seen.add("RESOURCE_MANAGER " + allowed(url));
        }
        for (String path : List.of("/certificates?maxresults=25", "/certificates/web-tls",
                "/certificates/web-tls/" + VERSION, "/certificates/web-tls/policy", "/certificates/web-tls/versions",
                "/keys", "/keys/signing-key/versions", "/secrets?api-version=7.5", "/secrets/db-password/versions")) {
            seen.add("KEY_VAULT " + allowed(DP + path));
        }

        assertThat(seen).containsExactlyInAnyOrderElementsOf(EgressGuard.operations().stream()
                .map(op -> op.api() + " " + op.name()).toList());
        assertThat(guard.refusals()).isZero();
    }

    @Test
    void roleAssignmentsAndDefinitionsPassAtEveryScopeTheCollectorReads() {
        for (String scope : List.of(ARM, ARM + "/providers/Microsoft.Management/managementGroups/mg-root", SUB, RG,
                VAULT, VAULT + "/secrets/db-password", RG + "/providers/Microsoft.KeyVault/managedHSMs/hsm-1")) {
            assertThat(allowed(scope + "/providers/Microsoft.Authorization/roleAssignments"))
                    .isEqualTo("roleAssignments.listForScope");
            assertThat(allowed(scope + "/providers/Microsoft.Authorization/roleDefinitions")).isEqualTo("roleDefinitions.list");
        }
    }

    @Test
    void resourceManagerPathsMatchCaseInsensitivelyWithOrWithoutTrailingSlash() {
        assertThat(allowed("https://MANAGEMENT.azure.com:443/SUBSCRIPTIONS/s1/resourcegroups/rg/PROVIDERS/"
                + "microsoft.keyvault/VAULTS/kv-prod/")).isEqualTo("vaults.get");
        assertThat(allowed(VAULT.toLowerCase() + "/providers/microsoft.insights/diagnosticsettings"))
                .isEqualTo("diagnosticSettings.list");
        assertThat(allowed(SUB + "/providers/microsoft.keyvault/managedhsms")).isEqualTo("managedHsms.listBySubscription");
        assertThat(allowed(DP + "/Certificates/web-tls/Policy")).isEqualTo("certificates.getPolicy");
    }

    @Test
    void operationsNameTheRbacActionTheyNeed() {
        assertThat(guard.check("GET", URI.create(DP + "/secrets")).rbacAction())
                .isEqualTo("Microsoft.KeyVault/vaults/secrets/readMetadata/action");
        assertThat(guard.check("GET", URI.create(VAULT)).rbacAction()).isEqualTo("Microsoft.KeyVault/vaults/read");
        assertThat(guard.check("GET", URI.create(VAULT + "/providers/Microsoft.Insights/diagnosticSettings"))
                .rbacAction()).isEqualTo("Microsoft.Insights/diagnosticSettings/read");
    }

    @Test
    void secretValueReadsAreRefused() {
        for (String path : List.of("/secrets/db-password", "/secrets/db-password/" + VERSION, "/SECRETS/db-password",
                "/secrets/versions", "/secrets/db-password/")) {
            assertRefused("GET", DP + path + "?api-version=7.5", "it would read a secret value");
        }
        assertThatThrownBy(() -> guard.check("GET", URI.create(DP + "/secrets/db-password?api-version=7.5")))
                .hasMessageStartingWith("Refused GET https://kv-prod.vault.azure.net/secrets/db-password: it would"
                        + " read a secret value.")
                .hasMessageNotContaining("api-version");
    }

    @Test
    void keyMaterialReadsAreRefused() {
        for (String path : List.of("/keys/signing-key", "/keys/signing-key/" + VERSION, "/Keys/signing-key/")) {
            assertRefused("GET", DP + path, "it would read key material");
        }
    }

    @Test
    void dataPlaneReadsOutsideTheListAreRefused() {
        for (String path : List.of("/", "/deletedsecrets", "/deletedsecrets/db-password", "/deletedkeys",
                "/deletedcertificates/web-tls", "/keys/signing-key/rotationpolicy", "/certificates/issuers",
                "/certificates/issuers/digicert", "/certificates/contacts", "/certificates/web-tls/pending",
                "/storage", "/certificates/web_tls")) {
            assertRefused("GET", DP + path, "it is not one of the listed operations");
        }
    }

    @Test
    void resourceManagerReadsOutsideTheListAreRefused() {
        for (String url : List.of(SUB + "/resourceGroups", ARM + "/providers/Microsoft.ResourceGraph/resources",
                VAULT + "/keys/signing-key/versions", ARM + "/tenants", SUB + "/providers/Microsoft.Storage/storageAccounts",
                VAULT + "/providers/Microsoft.Insights/diagnosticSettings/send-to-law", ARM + "/")) {
            assertRefused("GET", url, "it is not one of the listed operations");
        }
    }

    @Test
    void everyMethodButGetIsRefused() {
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "get")) {
            assertRefused(method, VAULT, "keyvault-compliance never changes anything, it only sends GET");
            assertRefused(method, DP + "/certificates", "only sends GET");
        }
        assertRefused("POST", DP + "/keys/signing-key/sign", "only sends GET");
        assertRefused("POST", ARM + "/providers/Microsoft.ResourceGraph/resources", "only sends GET");
        assertRefused("PUT", DP + "/secrets/db-password", "only sends GET");
    }

    @Test
    void hostsOtherThanTheCloudsResourceManagerAndVaultsAreRefused() {
        for (String url : List.of("https://exfil.sandbox.test/keys", "http://management.azure.com/subscriptions",
                "https://management.azure.com:8443/subscriptions", "https://kv-prod.vault.azure.cn/secrets",
                "https://login.microsoftonline.com/common/oauth2/v2.0/token", "https://hsm-1.managedhsm.azure.net/keys",
                "https://kv-prod.vault.azure.net.exfil.test/keys", "https://kv-prod.vault.azure.net:8443/keys",
                "/subscriptions")) {
            assertRefused("GET", url, "bearer tokens only go to the configured Azure hosts");
        }
        assertRefused("DELETE", "https://exfil.sandbox.test/keys", "bearer tokens only go to the configured Azure hosts");
        assertRefused("GET", null, "bearer tokens only go to the configured Azure hosts");
    }

    @Test
    void dotSegmentsAndEncodedSlashesAreRefused() {
        for (String url : List.of(SUB + "/../../subscriptions", VAULT + "/keys/%2e%2e", DP + "/certificates/..%2Fsecrets",
                DP + "/certificates/./web-tls", DP + "//secrets", DP + "/certificates%2Fweb-tls")) {
            assertRefused("GET", url, "its path has dot segments or encoded slashes");
        }
    }

    @Test
    void refusalsAreCounted() {
        for (String url : List.of(DP + "/secrets/a", DP + "/keys/b", "https://exfil.sandbox.test/")) {
            assertThatThrownBy(() -> guard.check("GET", URI.create(url))).isInstanceOf(EgressDeniedException.class);
        }
        allowed(DP + "/keys");

        assertThat(guard.refusals()).isEqualTo(3);
    }

    @Test
    void interceptorChecksTheRequestsAbsoluteUrlAndRefusesARelativeOne() {
        EgressGuardInterceptor interceptor = new EgressGuardInterceptor(guard);

        interceptor.process(new BasicClassicHttpRequest("GET", URI.create(DP + "/certificates")), null, null);
        assertThatThrownBy(() -> interceptor.process(new BasicClassicHttpRequest("GET", URI.create(DP + "/secrets/x")),
                null, null)).hasMessageContaining("would read a secret value");
        assertThatThrownBy(() -> interceptor.process(new BasicClassicHttpRequest("GET", "/certificates"), null, null))
                .hasMessageContaining("bearer tokens only go to the configured Azure hosts");
    }

    @Test
    void interceptorStopsRefusedRequestsBeforeTheyReachTheServer() throws Exception {
        try (Sandbox sandbox = Sandbox.start()) {
            sandbox.tls().writeTrustMaterial(dir);
            CloudEndpoints cloud = CloudEndpoints.custom(URI.create(sandbox.authorityHost()),
                    URI.create(sandbox.armEndpoint()), sandbox.vaultDnsSuffix()).withConnectTo(sandbox.hostOverrides())
                    .withTrustStore(dir.resolve(SandboxTls.TRUSTSTORE_FILE), SandboxTls.TRUSTSTORE_PASSWORD);
            EgressGuard sandboxGuard = new EgressGuard(cloud);

            try (CloseableHttpClient client = CloudClients.client(cloud, new EgressGuardInterceptor(sandboxGuard))) {
                assertThat(CloudClients.status(client, sandbox.armEndpoint() + "/subscriptions?api-version=2022-12-01"))
                        .as("allowed, sent without a token").isEqualTo(401);
                long sent = sandbox.metrics().totalRequests();

                // *.sandbox.test connects to the sandbox, which would count a foreign-host request if one arrived
                assertThatThrownBy(() -> CloudClients.status(client, "https://exfil.sandbox.test/keys?api-version=7.5"))
                        .isInstanceOf(EgressDeniedException.class);
                assertThatThrownBy(() -> client.execute(new HttpPost(sandbox.armEndpoint() + "/subscriptions"),
                        r -> r.getCode())).isInstanceOf(EgressDeniedException.class);
                assertThatThrownBy(() -> CloudClients.status(client, sandbox.vaultUri("kv-any") + "secrets/x"))
                        .isInstanceOf(EgressDeniedException.class);

                assertThat(sandbox.metrics().totalRequests()).isEqualTo(sent);
                assertThat(sandbox.metrics().violations()).isEmpty();
                assertThat(sandboxGuard.refusals()).isEqualTo(3);
            }
        }
    }
}
