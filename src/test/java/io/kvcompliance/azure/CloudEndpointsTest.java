package io.kvcompliance.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvcompliance.sandbox.Sandbox;
import io.kvcompliance.sandbox.tls.SandboxTls;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudEndpointsTest {
    @TempDir
    Path dir;

    private static CloudEndpoints read(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return CloudEndpoints.fromProperties(map::get);
    }

    private static String[] sandboxKeys(String... more) {
        String[] base = {"kv.cloud.name", "custom", "kv.cloud.authority-host", "https://login.sandbox.test",
                "kv.cloud.resource-manager-endpoint", "https://management.sandbox.test",
                "kv.cloud.key-vault-dns-suffix", ".vault.sandbox.test"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void azureCloudIsTheDefaultWhenNoKeyIsSet() {
        CloudEndpoints cloud = read();

        assertThat(cloud).isEqualTo(CloudEndpoints.AZURE_CLOUD);
        assertThat(cloud.authorityHost()).isEqualTo(URI.create("https://login.microsoftonline.com"));
        assertThat(cloud.resourceManagerEndpoint()).isEqualTo(URI.create("https://management.azure.com"));
        assertThat(cloud.keyVaultDnsSuffix()).isEqualTo(".vault.azure.net");
        assertThat(cloud.resourceManagerAppScope()).isEqualTo("https://management.azure.com/.default");
        assertThat(cloud.resourceManagerDelegatedScope()).isEqualTo("https://management.azure.com/user_impersonation");
        assertThat(cloud.keyVaultAppScope()).isEqualTo("https://vault.azure.net/.default");
        assertThat(cloud.keyVaultDelegatedScope()).isEqualTo("https://vault.azure.net/user_impersonation");
        assertThat(cloud.connectTo().rules()).isEmpty();
        assertThat(cloud.trustStore()).isNull();
    }

    @Test
    void sovereignCloudsCarryTheirOwnHostsAndAudiences() {
        CloudEndpoints china = read("kv.cloud.name", "azurechinacloud");
        CloudEndpoints gov = read("kv.cloud.name", "AzureUSGovernment");

        assertThat(china.authorityHost()).hasToString("https://login.chinacloudapi.cn");
        assertThat(china.resourceManagerEndpoint()).hasToString("https://management.chinacloudapi.cn");
        assertThat(china.keyVaultDnsSuffix()).isEqualTo(".vault.azure.cn");
        assertThat(china.resourceManagerAppScope()).isEqualTo("https://management.chinacloudapi.cn/.default");
        assertThat(china.keyVaultDelegatedScope()).isEqualTo("https://vault.azure.cn/user_impersonation");
        assertThat(gov.authorityHost()).hasToString("https://login.microsoftonline.us");
        assertThat(gov.resourceManagerEndpoint()).hasToString("https://management.usgovcloudapi.net");
        assertThat(gov.keyVaultDnsSuffix()).isEqualTo(".vault.usgovcloudapi.net");
        assertThat(gov.resourceManagerDelegatedScope())
                .isEqualTo("https://management.usgovcloudapi.net/user_impersonation");
        assertThat(gov.keyVaultAppScope()).isEqualTo("https://vault.usgovcloudapi.net/.default");
    }

    @Test
    void customCloudReadsTheThreeEndpointKeysAndKeepsAzureAudiences() {
        CloudEndpoints cloud = read(sandboxKeys("kv.cloud.connect-to", "*.sandbox.test=127.0.0.1:8443"));

        assertThat(cloud.name()).isEqualTo("custom");
        assertThat(cloud.authorityHost()).hasToString("https://login.sandbox.test");
        assertThat(cloud.resourceManagerEndpoint()).hasToString("https://management.sandbox.test");
        assertThat(cloud.keyVaultDnsSuffix()).isEqualTo(".vault.sandbox.test");
        assertThat(cloud.resourceManagerAppScope()).isEqualTo("https://management.azure.com/.default");
        assertThat(cloud.keyVaultAppScope()).isEqualTo("https://vault.azure.net/.default");
        assertThat(cloud.connectTo().targetOf("kv-1.vault.sandbox.test")).hasToString("127.0.0.1/<unresolved>:8443");
    }

    @Test
    void customEndpointsAreNormalised() {
        CloudEndpoints cloud = read("kv.cloud.name", "custom", "kv.cloud.authority-host", "https://LOGIN.sandbox.test/",
                "kv.cloud.resource-manager-endpoint", "https://Management.Sandbox.Test/",
                "kv.cloud.key-vault-dns-suffix", "Vault.Sandbox.Test");

        assertThat(cloud.authorityHost()).hasToString("https://login.sandbox.test");
        assertThat(cloud.resourceManagerEndpoint()).hasToString("https://management.sandbox.test");
        assertThat(cloud.keyVaultDnsSuffix()).isEqualTo(".vault.sandbox.test");
    }

    @Test
    void customCloudWithoutAnEndpointKeyFailsNamingIt() {
        assertThatThrownBy(() -> read("kv.cloud.name", "custom"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kv.cloud.authority-host")
                .hasMessageContaining("e.g. https://login.sandbox.test");
        assertThatThrownBy(() -> read("kv.cloud.name", "custom", "kv.cloud.authority-host", "https://login.x.test"))
                .hasMessageContaining("kv.cloud.resource-manager-endpoint");
        assertThatThrownBy(() -> read("kv.cloud.name", "custom", "kv.cloud.authority-host", "https://login.x.test",
                "kv.cloud.resource-manager-endpoint", "https://management.x.test"))
                .hasMessageContaining("kv.cloud.key-vault-dns-suffix");
    }

    @Test
    void unknownCloudNameFailsListingTheKnownOnes() {
        assertThatThrownBy(() -> read("kv.cloud.name", "AzureGermanCloud"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kv.cloud.name=AzureGermanCloud")
                .hasMessageContaining("AzureCloud, AzureChinaCloud, AzureUSGovernment, or custom");
    }

    @Test
    void namedCloudRefusesAnOverrideThatContradictsIt() {
        assertThatThrownBy(() -> read("kv.cloud.resource-manager-endpoint", "https://management.sandbox.test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kv.cloud.resource-manager-endpoint=https://management.sandbox.test contradicts"
                        + " kv.cloud.name=AzureCloud")
                .hasMessageContaining("set kv.cloud.name=custom");
        assertThatThrownBy(() -> read("kv.cloud.name", "AzureChinaCloud", "kv.cloud.key-vault-dns-suffix",
                ".vault.azure.net")).hasMessageContaining("kv.cloud.key-vault-dns-suffix");
        assertThatThrownBy(() -> read("kv.cloud.authority-host", "https://login.microsoftonline.us"))
                .hasMessageContaining("kv.cloud.authority-host");
    }

    @Test
    void namedCloudAcceptsAnOverrideThatRepeatsItsOwnValue() {
        CloudEndpoints cloud = read("kv.cloud.name", "AzureCloud", "kv.cloud.resource-manager-endpoint",
                "https://management.azure.com/", "kv.cloud.key-vault-dns-suffix", "vault.azure.net");

        assertThat(cloud).isEqualTo(CloudEndpoints.AZURE_CLOUD);
    }

    @Test
    void endpointThatIsNotAnHttpsOriginFailsNamingTheKey() {
        assertThatThrownBy(() -> read(sandboxKeys("kv.cloud.resource-manager-endpoint", "http://management.x.test")))
                .hasMessageContaining("kv.cloud.resource-manager-endpoint=http://management.x.test must be an https URL");
        assertThatThrownBy(() -> read(sandboxKeys("kv.cloud.authority-host", "https://login.x.test/tenant-id")))
                .hasMessageContaining("kv.cloud.authority-host=https://login.x.test/tenant-id");
        assertThatThrownBy(() -> read(sandboxKeys("kv.cloud.key-vault-dns-suffix", "vault")))
                .hasMessageContaining("kv.cloud.key-vault-dns-suffix=vault is not a DNS suffix");
    }

    @Test
    void badConnectToFailsNamingTheKeyAndTheSyntax() {
        assertThatThrownBy(() -> read(sandboxKeys("kv.cloud.connect-to", "*.sandbox.test=127.0.0.1")))
                .hasMessageContaining("kv.cloud.connect-to=*.sandbox.test=127.0.0.1 is invalid")
                .hasMessageContaining("*.sandbox.test=127.0.0.1:8443");
        assertThatThrownBy(() -> read(sandboxKeys("kv.cloud.connect-to", "*.sandbox.test=127.0.0.1:http")))
                .hasMessageContaining("kv.cloud.connect-to");
    }

    @Test
    void trustStoreProblemsFailAtStartUpNamingTheKey() throws Exception {
        assertThatThrownBy(() -> read(sandboxKeys("kv.cloud.trust-store-password", "changeit")))
                .hasMessageContaining("kv.cloud.trust-store-password is set but kv.cloud.trust-store is not");
        assertThatThrownBy(() -> read(sandboxKeys("kv.cloud.trust-store", dir.resolve("missing.p12").toString())))
                .hasMessageContaining("kv.cloud.trust-store=").hasMessageContaining("is not a readable file");
        SandboxTls.generate(java.util.List.of("localhost")).writeTrustMaterial(dir);
        String store = dir.resolve(SandboxTls.TRUSTSTORE_FILE).toString();
        assertThatThrownBy(() -> read(sandboxKeys("kv.cloud.trust-store", store, "kv.cloud.trust-store-password",
                "wrong"))).hasMessageContaining("kv.cloud.trust-store=" + store + " cannot be loaded")
                .hasMessageContaining("kv.cloud.trust-store-password");
        Files.writeString(dir.resolve("garbage.p12"), "not a key store");
        assertThatThrownBy(() -> read(sandboxKeys("kv.cloud.trust-store", dir.resolve("garbage.p12").toString())))
                .hasMessageContaining("cannot be loaded");
    }

    @Test
    void resourceManagerMatchesItsHostWithOrWithoutTheDefaultPort() {
        CloudEndpoints cloud = CloudEndpoints.AZURE_CLOUD;

        assertThat(cloud.isResourceManager(URI.create("https://management.azure.com/subscriptions"))).isTrue();
        assertThat(cloud.isResourceManager(URI.create("https://management.azure.com:443/subscriptions"))).isTrue();
        assertThat(cloud.isResourceManager(URI.create("HTTPS://Management.Azure.COM/subscriptions"))).isTrue();
    }

    @Test
    void resourceManagerRefusesOtherHostsSchemesPortsAndLookalikes() {
        CloudEndpoints cloud = CloudEndpoints.AZURE_CLOUD;

        assertThat(cloud.isResourceManager(URI.create("http://management.azure.com/subscriptions"))).isFalse();
        assertThat(cloud.isResourceManager(URI.create("https://management.azure.com:8443/subscriptions"))).isFalse();
        assertThat(cloud.isResourceManager(URI.create("https://management.azure.com.evil.test/"))).isFalse();
        assertThat(cloud.isResourceManager(URI.create("https://evil.management.azure.com/"))).isFalse();
        assertThat(cloud.isResourceManager(URI.create("https://user@management.azure.com/"))).isFalse();
        assertThat(cloud.isResourceManager(URI.create("https://management.chinacloudapi.cn/"))).isFalse();
        assertThat(cloud.isResourceManager(URI.create("/subscriptions"))).isFalse();
        assertThat(cloud.isResourceManager(null)).isFalse();
    }

    @Test
    void resourceManagerOnAnExplicitPortMatchesThatPortOnly() {
        CloudEndpoints cloud = CloudEndpoints.custom(URI.create("https://login.x.test"),
                URI.create("https://management.x.test:8443"), ".vault.x.test");

        assertThat(cloud.isResourceManager(URI.create("https://management.x.test:8443/subscriptions"))).isTrue();
        assertThat(cloud.isResourceManager(URI.create("https://management.x.test/subscriptions"))).isFalse();
        assertThat(cloud.isResourceManager(URI.create("https://management.x.test:443/subscriptions"))).isFalse();
    }

    @Test
    void vaultHostsAreRecognisedOnTheDefaultPortOnly() {
        CloudEndpoints cloud = CloudEndpoints.AZURE_CLOUD;

        assertThat(cloud.vaultName(URI.create("https://kv-prod-01.vault.azure.net/certificates"))).contains("kv-prod-01");
        assertThat(cloud.vaultName(URI.create("https://KV-Prod-01.Vault.Azure.Net:443/keys"))).contains("kv-prod-01");
        assertThat(cloud.isVault(URI.create("https://kv-prod-01.vault.azure.net:8443/keys"))).isFalse();
        assertThat(cloud.isVault(URI.create("http://kv-prod-01.vault.azure.net/keys"))).isFalse();
    }

    @Test
    void foreignLookalikeAndBadlyNamedVaultHostsAreNotVaults() {
        CloudEndpoints cloud = CloudEndpoints.AZURE_CLOUD;

        assertThat(cloud.isVault(URI.create("https://kv.vault.azure.net/"))).as("2 characters").isFalse();
        assertThat(cloud.isVault(URI.create("https://a234567890123456789012345.vault.azure.net/"))).as("25").isFalse();
        assertThat(cloud.isVault(URI.create("https://a.bcd.vault.azure.net/"))).as("two labels").isFalse();
        assertThat(cloud.isVault(URI.create("https://vault.azure.net/"))).isFalse();
        assertThat(cloud.isVault(URI.create("https://kv-prod.vault.azure.net.evil.test/"))).isFalse();
        assertThat(cloud.isVault(URI.create("https://kv-prod.vault.azure.cn/"))).isFalse();
        assertThat(cloud.isVault(URI.create("https://kv-prod.managedhsm.azure.net/"))).isFalse();
        assertThat(cloud.isVault(URI.create("https://user@kv-prod.vault.azure.net/"))).isFalse();
        assertThat(cloud.isVault(URI.create("https://management.azure.com/"))).isFalse();
    }

    @Test
    void vaultUriHasArmsFormAndRoundTripsThroughVaultName() {
        CloudEndpoints cloud = read("kv.cloud.name", "AzureChinaCloud");

        URI uri = cloud.vaultUri("Kv-Finance");

        assertThat(uri).hasToString("https://kv-finance.vault.azure.cn/");
        assertThat(cloud.vaultName(uri.resolve("certificates"))).contains("kv-finance");
        assertThatThrownBy(() -> cloud.vaultUri("kv.evil.test/x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a Key Vault name");
    }

    @Test
    void withoutTrustStoreTheJvmDefaultTrustIsUsed() throws Exception {
        assertThat(read().sslContext()).isSameAs(SSLContext.getDefault());
    }

    @Test
    void toStringNeverShowsTheTrustStorePassword() {
        CloudEndpoints cloud = CloudEndpoints.AZURE_CLOUD.withTrustStore(Path.of("x.p12"), "s3cret-pass");

        assertThat(cloud.toString()).contains("x.p12").doesNotContain("s3cret-pass");
    }

    @Test
    void sandboxSettingsReachTheSandboxResourceManagerOverVerifiedTls() throws Exception {
        try (Sandbox sandbox = Sandbox.start()) {
            sandbox.tls().writeTrustMaterial(dir);
            CloudEndpoints cloud = read(sandboxKeys("kv.cloud.connect-to", sandbox.connectToSpec(),
                    "kv.cloud.trust-store", dir.resolve(SandboxTls.TRUSTSTORE_FILE).toString(),
                    "kv.cloud.trust-store-password", SandboxTls.TRUSTSTORE_PASSWORD));

            try (CloseableHttpClient client = CloudClients.client(cloud)) {
                // no token: the sandbox answers like ARM, 401, which proves DNS override and trust both work
                assertThat(CloudClients.status(client, cloud.resourceManagerEndpoint()
                        + "/subscriptions?api-version=2022-12-01")).isEqualTo(401);
            }
        }
    }
}
