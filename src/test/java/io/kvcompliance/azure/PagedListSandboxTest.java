package io.kvcompliance.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kvcompliance.sandbox.Sandbox;
import io.kvcompliance.sandbox.fixture.FixtureLoader;
import io.kvcompliance.sandbox.http.SandboxSettings;
import io.kvcompliance.sandbox.tls.SandboxTls;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PagedList driving real list calls against the sandbox: Azure's nextLink forms, empty pages and paging faults. */
class PagedListSandboxTest {
    private static final String FAULTS_VAULTS = "/subscriptions/6680c7f9-3862-46e9-8104-8e7837d9b410/resourceGroups/"
            + "rg-faults/providers/Microsoft.KeyVault/vaults/";
    private static final String ARM_API = "?api-version=2024-11-01";

    @TempDir
    Path dir;

    private CloudEndpoints cloud(Sandbox sandbox) {
        sandbox.tls().writeTrustMaterial(dir);
        return CloudEndpoints.custom(URI.create(sandbox.authorityHost()), URI.create(sandbox.armEndpoint()),
                sandbox.vaultDnsSuffix()).withConnectTo(sandbox.hostOverrides())
                .withTrustStore(dir.resolve(SandboxTls.TRUSTSTORE_FILE), SandboxTls.TRUSTSTORE_PASSWORD);
    }

    /** The route's loop in miniature: GET nextUrl, hand the body to the list, until it is complete. */
    private static List<String> drain(CloseableHttpClient client, PagedList list, String token) throws Exception {
        List<String> ids = new ArrayList<>();
        while (list.hasNext()) {
            HttpGet get = new HttpGet(list.nextUrl());
            get.setHeader("Authorization", "Bearer " + token);
            String body = client.execute(get, r -> {
                assertThat(r.getCode()).isEqualTo(200);
                return EntityUtils.toString(r.getEntity());
            });
            list.accept(body).items().forEach(item -> ids.add(item.get("id").asText()));
        }
        return ids;
    }

    @Test
    void everyItemArrivesOnceAcrossNextLinkFormsAndEmptyPages() throws Exception {
        try (Sandbox sandbox = Sandbox.start(FixtureLoader.defaultTenant(), SandboxSettings.defaults().toBuilder()
                .emptyPageEvery(3).nextLinkVariants(true).build())) {
            CloudEndpoints cloud = cloud(sandbox);
            String token = sandbox.issueAccessToken("alice@contoso.sandbox.test", "https://vault.azure.net", 3600);
            PagedList list = new PagedList(URI.create(sandbox.vaultUri("kv-prod-payments") + "secrets?api-version=7.5"),
                    cloud::isVault);

            try (CloseableHttpClient client = CloudClients.client(cloud,
                    new EgressGuardInterceptor(new EgressGuard(cloud)))) {
                List<String> ids = drain(client, list, token);

                assertThat(ids).hasSize(12).doesNotHaveDuplicates();
                assertThat(list.items()).isEqualTo(12);
                assertThat(list.pages()).as("3 per page plus empty pages").isGreaterThan(4);
            }
        }
    }

    @Test
    void pagingFaultsStopTheListWithoutFollowingTheBadLink() throws Exception {
        try (Sandbox sandbox = Sandbox.start(FixtureLoader.faultsTenant(), SandboxSettings.defaults())) {
            CloudEndpoints cloud = cloud(sandbox);
            String arm = sandbox.issueAccessToken("alice@faults.sandbox.test", "https://management.azure.com/", 3600);
            String vault = sandbox.issueAccessToken("alice@faults.sandbox.test", "https://vault.azure.net", 3600);
            Predicate<URI> armHost = cloud::isResourceManager;

            try (CloseableHttpClient client = CloudClients.client(cloud)) {
                assertThatThrownBy(() -> drain(client, new PagedList(URI.create(sandbox.armEndpoint() + FAULTS_VAULTS
                        + "kv-fault-loop/keys" + ARM_API), armHost), arm)).isInstanceOf(NextLinkLoopException.class);
                assertThatThrownBy(() -> drain(client, new PagedList(URI.create(sandbox.armEndpoint() + FAULTS_VAULTS
                        + "kv-fault-foreign/secrets" + ARM_API), armHost), arm))
                        .isInstanceOf(ForeignNextLinkException.class).hasMessageContaining(sandbox.settings().foreignHost());
                assertThatThrownBy(() -> drain(client, new PagedList(URI.create(sandbox.vaultUri("kv-fault-malformed")
                        + "certificates?api-version=7.5"), cloud::isVault), vault))
                        .isInstanceOf(MalformedPageException.class).hasMessageContaining("Page 2 of");
                assertThat(drain(client, new PagedList(URI.create(sandbox.armEndpoint() + FAULTS_VAULTS
                        + "kv-fault-healthy/keys" + ARM_API), armHost), arm)).isNotEmpty();
            }
            assertThat(sandbox.metrics().violations()).as("no request ever went to the foreign host").isEmpty();
        }
    }
}
