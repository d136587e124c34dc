package io.kvcompliance.sandbox;

import static io.kvcompliance.sandbox.DefaultTenant.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvcompliance.sandbox.SandboxTestClient.Reply;
import io.kvcompliance.sandbox.fixture.FixtureLoader;
import io.kvcompliance.sandbox.http.SandboxSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Paging like Azure: absolute nextLinks in several forms, page caps, $top, empty pages that carry a nextLink. */
class SandboxPagingTest {
    static Sandbox sandbox;
    static SandboxTestClient client;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(FixtureLoader.defaultTenant(), SandboxSettings.defaults().toBuilder()
                .emptyPageEvery(3).build());
        client = new SandboxTestClient(sandbox);
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        sandbox.close();
    }

    private List<Reply> pages(String url, String token) throws Exception {
        List<Reply> pages = new ArrayList<>();
        String next = url;
        while (next != null && pages.size() < 100) {
            Reply r = client.get(next, token);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            pages.add(r);
            JsonNode link = r.json().get("nextLink");
            next = link == null || link.isNull() ? null : link.asText();
        }
        return pages;
    }

    @Test
    void followingEveryNextLinkYieldsEachItemOnceAcrossNextLinkForms() throws Exception {
        String token = sandbox.issueAccessToken(ALICE, VAULT, 3600);
        List<Reply> pages = pages("https://kv-prod-payments.vault.sandbox.test/secrets?" + DP_API, token);
        List<String> ids = new ArrayList<>();
        Set<String> forms = new HashSet<>();
        for (Reply page : pages) {
            page.json().get("value").forEach(v -> ids.add(v.get("id").asText()));
            JsonNode link = page.json().get("nextLink");
            if (link != null && !link.isNull()) {
                String l = link.asText();
                assertThat(l).startsWith("https://kv-prod-payments.vault.sandbox.test").contains("api-version=7.5");
                forms.add(l.contains(":443/") ? "port" : l.contains("%24skiptoken=") ? "encoded" : "plain");
            }
        }
        assertThat(ids).hasSize(12).doesNotHaveDuplicates();
        assertThat(forms).as("several nextLink forms over 12 items at 3 per page").hasSizeGreaterThan(1);
    }

    @Test
    void emptyPagesStillCarryANextLink() throws Exception {
        String token = sandbox.issueAccessToken(ALICE, VAULT, 3600);
        List<Reply> pages = pages("https://kv-prod-payments.vault.sandbox.test/secrets?" + DP_API, token);
        assertThat(pages).anySatisfy(p -> {
            assertThat(p.json().get("value")).isEmpty();
            assertThat(p.json().get("nextLink").isNull()).isFalse();
        });
    }

    @Test
    void pageCapBoundsEveryPageAndTopLowersItWhereAzureHonoursIt() throws Exception {
        String token = sandbox.issueAccessToken(ALICE, ARM, 3600);
        String vaults = "https://management.sandbox.test/subscriptions/" + PROD + "/providers/Microsoft.KeyVault/vaults?" + KV_API;
        assertThat(pages(vaults, token)).allSatisfy(p -> assertThat(p.json().get("value").size()).isLessThanOrEqualTo(2));
        assertThat(pages(vaults + "&$top=1", token)).allSatisfy(p -> assertThat(p.json().get("value").size()).isLessThanOrEqualTo(1))
                .first().satisfies(p -> assertThat(p.json().get("nextLink").asText()).contains("$top=1"));
        String keys = vaultPath(PROD, "rg-payments", "kv-prod-payments") + "/keys?" + KV_API + "&$top=1";
        assertThat(pages(keys, token).get(0).json().get("value").size()).as("Keys_List has no $top").isEqualTo(2);
    }

    @Test
    void aSkipTokenFromAnotherListIsRejected() throws Exception {
        String token = sandbox.issueAccessToken(ALICE, VAULT, 3600);
        Reply first = client.get("https://kv-prod-payments.vault.sandbox.test/secrets?" + DP_API, token);
        String next = first.json().get("nextLink").asText().replace("kv-prod-payments.vault", "kv-prod-legacy.vault");
        assertThat(client.get(next, token).status()).isEqualTo(400);
    }
}
