package io.kvcompliance.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import org.junit.jupiter.api.Test;

class PagedListTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CloudEndpoints CLOUD = CloudEndpoints.AZURE_CLOUD;
    private static final String KEYS = "https://kv-prod.vault.azure.net/keys?api-version=7.5&maxresults=2";
    private static final String ARM_VAULTS = "https://management.azure.com/subscriptions/s1/providers/"
            + "Microsoft.KeyVault/vaults?api-version=2024-11-01";

    private static PagedList keys() {
        return new PagedList(URI.create(KEYS), CLOUD::isVault);
    }

    private static String page(String nextLink, String... ids) {
        StringBuilder values = new StringBuilder();
        for (String id : ids) {
            values.append(values.length() == 0 ? "" : ",").append("{\"kid\":\"").append(id).append("\"}");
        }
        return "{\"value\":[" + values + "]" + (nextLink == null ? "" : ",\"nextLink\":\"" + nextLink + "\"") + "}";
    }

    @Test
    void followsATwoPageChainAndCountsPagesAndItems() {
        PagedList list = new PagedList(URI.create(ARM_VAULTS), CLOUD::isResourceManager);
        String second = ARM_VAULTS + "&$skiptoken=abc";

        PagedList.Page first = list.accept(page(second, "v1", "v2"));
        assertThat(first.items()).extracting(n -> n.get("kid").asText()).containsExactly("v1", "v2");
        assertThat(first.next()).hasToString(second);
        assertThat(list.nextUrl()).hasToString(second);

        PagedList.Page last = list.accept(page(null, "v3"));
        assertThat(last.hasNext()).isFalse();
        assertThat(list.hasNext()).isFalse();
        assertThat(list.nextUrl()).isNull();
        assertThat(list.pages()).isEqualTo(2);
        assertThat(list.items()).isEqualTo(3);
    }

    @Test
    void nullOrEmptyNextLinkEndsTheListLikeAnAbsentOne() {
        PagedList withNull = keys();
        PagedList withEmpty = keys();

        assertThat(withNull.accept("{\"value\":[],\"nextLink\":null}").hasNext()).isFalse();
        assertThat(withEmpty.accept("{\"value\":[{}],\"nextLink\":\"\"}").hasNext()).isFalse();
        assertThat(withEmpty.items()).isEqualTo(1);
    }

    @Test
    void emptyPageThatStillCarriesANextLinkContinues() {
        PagedList list = keys();

        PagedList.Page empty = list.accept(page(KEYS + "&$skiptoken=p2"));
        PagedList.Page full = list.accept(page(null, "k1"));

        assertThat(empty.items()).isEmpty();
        assertThat(empty.hasNext()).isTrue();
        assertThat(full.items()).hasSize(1);
        assertThat(list.pages()).isEqualTo(2);
    }

    @Test
    void nextLinkWithAnExplicitDefaultPortIsFollowed() {
        PagedList list = keys();

        PagedList.Page first = list.accept(page("https://kv-prod.vault.azure.net:443/keys?api-version=7.5&$skiptoken=p2"));

        assertThat(first.next().getPort()).isEqualTo(443);
    }

    @Test
    void percentEncodedSkipTokenAndDefaultPortNameTheSameUrlForLoopDetection() {
        PagedList list = keys();
        list.accept(page(KEYS + "&$skiptoken=p2"));

        assertThatThrownBy(() -> list.accept(page("https://kv-prod.vault.azure.net:443/keys?api-version=7.5"
                + "&maxresults=2&%24skiptoken=p2")))
                .isInstanceOf(NextLinkLoopException.class)
                .hasMessageContaining("Page 2 of https://kv-prod.vault.azure.net/keys")
                .hasMessageContaining("already followed");
    }

    @Test
    void nextLinkBackToTheFirstPageIsALoop() {
        PagedList list = keys();
        list.accept(page(KEYS.replace("https://kv-prod.vault.azure.net", "https://KV-PROD.vault.azure.net") + "&$skiptoken=p2"));

        assertThatThrownBy(() -> list.accept(page(KEYS.replace("api-version", "api%2Dversion"))))
                .isInstanceOf(NextLinkLoopException.class);
        assertThat(list.pages()).isEqualTo(1);
    }

    @Test
    void distinctSkipTokensAreNotALoop() {
        PagedList list = keys();

        list.accept(page(KEYS + "&$skiptoken=p2"));
        list.accept(page(KEYS + "&%24skiptoken=p3"));
        list.accept(page(null));

        assertThat(list.pages()).isEqualTo(3);
    }

    @Test
    void nextLinkToAnotherHostIsRefusedNamingTheHostOnly() {
        PagedList list = keys();

        assertThatThrownBy(() -> list.accept(page("https://exfil.sandbox.test/keys?api-version=7.5&$skiptoken=opaque-1")))
                .isInstanceOf(ForeignNextLinkException.class)
                .hasMessageContaining("https://exfil.sandbox.test")
                .hasMessageContaining("bearer token never goes there")
                .hasMessageNotContaining("opaque-1");
        assertThat(list.nextUrl()).hasToString(KEYS);
    }

    @Test
    void nextLinkToAnotherVaultSchemeOrPortIsForeign() {
        assertThatThrownBy(() -> keys().accept(page("https://kv-other.vault.azure.net/keys?$skiptoken=x")))
                .isInstanceOf(ForeignNextLinkException.class).hasMessageContaining("kv-other.vault.azure.net");
        assertThatThrownBy(() -> keys().accept(page("http://kv-prod.vault.azure.net/keys?$skiptoken=x")))
                .isInstanceOf(ForeignNextLinkException.class);
        assertThatThrownBy(() -> keys().accept(page("https://kv-prod.vault.azure.net:8443/keys?$skiptoken=x")))
                .isInstanceOf(ForeignNextLinkException.class).hasMessageContaining(":8443");
        assertThatThrownBy(() -> keys().accept(page("https://user@kv-prod.vault.azure.net/keys?$skiptoken=x")))
                .isInstanceOf(ForeignNextLinkException.class);
    }

    @Test
    void nextLinkTheHostPredicateRejectsIsForeign() {
        PagedList list = new PagedList(URI.create(KEYS), uri -> uri.getRawQuery().contains("maxresults"));

        assertThatThrownBy(() -> list.accept(page("https://kv-prod.vault.azure.net/keys?$skiptoken=x")))
                .isInstanceOf(ForeignNextLinkException.class);
    }

    @Test
    void firstUrlOffTheApiHostIsRefused() {
        assertThatThrownBy(() -> new PagedList(URI.create("https://exfil.sandbox.test/keys"), CLOUD::isVault))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exfil.sandbox.test");
    }

    @Test
    void bodiesWithoutAValueArrayAreMalformedPagesNamingTheUrl() {
        for (String body : new String[] {"[]", "{}", "{\"value\":{}}", "{\"value\":\"x\"}", "null", ""}) {
            assertThatThrownBy(() -> keys().accept(body)).as(body)
                    .isInstanceOf(MalformedPageException.class)
                    .hasMessageContaining("Page 1 of https://kv-prod.vault.azure.net/keys")
                    .hasMessageNotContaining("maxresults");
        }
    }

    @Test
    void truncatedJsonIsAMalformedPageWithItsCause() {
        PagedList list = keys();
        list.accept(page(KEYS + "&$skiptoken=p2", "k1"));

        assertThatThrownBy(() -> list.accept("{\"value\":[{\"kid\":\"k2\"},"))
                .isInstanceOf(MalformedPageException.class)
                .hasMessageContaining("Page 2 of https://kv-prod.vault.azure.net/keys")
                .hasMessageContaining("it is not JSON")
                .hasCauseInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
    }

    @Test
    void nextLinkThatIsNotAnAbsoluteUrlIsMalformed() {
        assertThatThrownBy(() -> keys().accept("{\"value\":[],\"nextLink\":42}"))
                .isInstanceOf(MalformedPageException.class).hasMessageContaining("nextLink is not a string");
        assertThatThrownBy(() -> keys().accept(page("/keys?$skiptoken=x")))
                .isInstanceOf(MalformedPageException.class).hasMessageContaining("not an absolute URL");
        assertThatThrownBy(() -> keys().accept(page("https://kv-prod.vault.azure.net/keys?x=a b")))
                .isInstanceOf(MalformedPageException.class).hasMessageContaining("not a URL");
    }

    @Test
    void pageCapStopsAListThatNeverEnds() {
        PagedList list = new PagedList(URI.create(KEYS), CLOUD::isVault, 3);
        list.accept(page(KEYS + "&$skiptoken=p2"));
        list.accept(page(KEYS + "&$skiptoken=p3"));

        assertThatThrownBy(() -> list.accept(page(KEYS + "&$skiptoken=p4")))
                .isInstanceOf(PageLimitExceededException.class).hasMessageContaining("after 3 pages");
    }

    @Test
    void lastPageAtTheCapCompletesTheList() {
        PagedList list = new PagedList(URI.create(KEYS), CLOUD::isVault, 2);
        list.accept(page(KEYS + "&$skiptoken=p2"));

        assertThat(list.accept(page(null, "k1")).hasNext()).isFalse();
        assertThat(PagedList.DEFAULT_MAX_PAGES).isEqualTo(100_000);
    }

    @Test
    void acceptingAfterTheLastPageIsAnError() throws Exception {
        PagedList list = keys();
        JsonNode last = JSON.readTree(page(null));
        list.accept(last);

        assertThatThrownBy(() -> list.accept(last)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already complete");
    }
}
