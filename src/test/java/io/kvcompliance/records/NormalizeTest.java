package io.kvcompliance.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormalizeTest {
    private static JsonNode json(String text) {
        try {
            return GoldenFiles.JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void unixSecondsBecomeIsoUtcAndAbsentStaysNull() {
        assertThat(Normalize.isoFromEpochSeconds(JsonNodeFactory.instance.numberNode(1700000000L)))
                .isEqualTo("2023-11-14T22:13:20Z");
        assertThat(Normalize.isoFromEpochSeconds(null)).isNull();
        assertThat(Normalize.isoFromEpochSeconds(JsonNodeFactory.instance.nullNode())).isNull();
    }

    @Test
    void armTimesWithAnyOffsetOrPrecisionBecomeUtc() {
        assertThat(Normalize.isoFromText("2025-01-15T10:00:00+01:00")).isEqualTo("2025-01-15T09:00:00Z");
        assertThat(Normalize.isoFromText("2023-04-12T09:30:00.0000000Z")).isEqualTo("2023-04-12T09:30:00Z");
        assertThat(Normalize.isoFromText(null)).isNull();
    }

    @Test
    void syncTimeIsKeptToTheMillisecond() {
        assertThat(Normalize.isoInstant(Instant.parse("2025-06-01T12:00:00.123456789Z")))
                .isEqualTo("2025-06-01T12:00:00.123Z");
    }

    @Test
    void absentVaultFlagsTakeAzureDefaults() {
        JsonNode empty = json("{}");
        assertThat(Normalize.softDeleteEnabled(empty)).isTrue();
        assertThat(Normalize.softDeleteRetentionDays(empty)).isEqualTo(90);
        assertThat(Normalize.purgeProtectionEnabled(empty)).isFalse();
        assertThat(Normalize.managedHsmPurgeProtectionEnabled(empty)).isTrue();
        assertThat(Normalize.rbacAuthorization(empty)).isFalse();
        assertThat(Normalize.flag(empty, "enabledForDeployment")).isFalse();
        assertThat(Normalize.softDeleteEnabled(null)).isTrue();
    }

    @Test
    void explicitValuesWin() {
        JsonNode p = json("{\"enableSoftDelete\":true,\"softDeleteRetentionInDays\":7,\"enablePurgeProtection\":true,"
                + "\"enableRbacAuthorization\":true}");
        assertThat(Normalize.softDeleteRetentionDays(p)).isEqualTo(7);
        assertThat(Normalize.purgeProtectionEnabled(p)).isTrue();
        assertThat(Normalize.rbacAuthorization(p)).isTrue();
        assertThat(Normalize.softDeleteRetentionDays(json("{\"enableSoftDelete\":false,\"softDeleteRetentionInDays\":7}")))
                .isNull();
    }

    @Test
    void flagsSentAsStringsAreReadAndOtherValuesAreUnknown() {
        assertThat(Normalize.softDeleteEnabled(json("{\"enableSoftDelete\":\"False\"}"))).isFalse();
        assertThat(Normalize.purgeProtectionEnabled(json("{\"enablePurgeProtection\":\"true\"}"))).isTrue();
        assertThat(Normalize.purgeProtectionEnabled(json("{\"enablePurgeProtection\":\"yes\"}"))).isFalse();
        assertThat(Normalize.softDeleteEnabled(json("{\"enableSoftDelete\":\"no\"}"))).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"Enabled, Enabled", "enabled, Enabled", "ENABLED, Enabled", "Disabled, Disabled", "disabled, Disabled",
            "SecuredByPerimeter, SecuredByPerimeter"})
    void publicNetworkAccessIsComparedCaseInsensitively(String raw, String reported) {
        assertThat(Normalize.publicNetworkAccess(TextNode.valueOf(raw))).isEqualTo(reported);
    }

    @Test
    void absentPublicNetworkAccessIsEnabled() {
        assertThat(Normalize.publicNetworkAccess(null)).isEqualTo("Enabled");
        assertThat(Normalize.publicNetworkAccess(TextNode.valueOf(" "))).isEqualTo("Enabled");
    }

    @Test
    void absentNetworkAclsAllowAzureServicesWithNoRules() {
        assertThat(Normalize.networkAcls(null)).isEqualTo(new Normalize.NetworkRules("Allow", "AzureServices", 0, 0));
        assertThat(Normalize.networkAcls(json("{\"defaultAction\":\"deny\",\"bypass\":\"none\",\"ipRules\":[{\"value\":\"1.2.3.4\"}]}")))
                .isEqualTo(new Normalize.NetworkRules("Deny", "None", 1, 0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"https://kv.vault.azure.net", "https://kv.vault.azure.net/", "https://kv.vault.azure.net//",
            "https://kv.vault.azure.net:443", "https://kv.vault.azure.net:443/"})
    void vaultUriHasExactlyOneTrailingSlashAndNoDefaultPort(String raw) {
        assertThat(Normalize.vaultUri(raw)).isEqualTo("https://kv.vault.azure.net/");
    }

    @Test
    void defaultPortIsRemovedOnlyWhereItIsThePort() {
        assertThat(Normalize.withoutDefaultPort("https://kv.vault.azure.net:443/keys/k")).isEqualTo("https://kv.vault.azure.net/keys/k");
        assertThat(Normalize.withoutDefaultPort("https://kv.vault.azure.net:4430/keys/k")).isEqualTo("https://kv.vault.azure.net:4430/keys/k");
        assertThat(Normalize.withoutDefaultPort("https://kv.vault.azure.net/keys/k443:443")).isEqualTo("https://kv.vault.azure.net/keys/k443:443");
    }

    @Test
    void permissionsAreLowerCasedSortedAndDeduplicated() {
        assertThat(Normalize.permissions(json("[\"List\",\"get\",\"Get\",\"LIST\",\" WrapKey \",\"\"]")))
                .containsExactly("get", "list", "wrapkey");
        assertThat(Normalize.permissions(null)).isEmpty();
    }

    @Test
    void knownNamesAreFoldedToTheirDocumentedCasing() {
        assertThat(Normalize.knownCasing(" auditevent", List.of("AuditEvent"))).isEqualTo("AuditEvent");
        assertThat(Normalize.knownCasing("Custom", List.of("AuditEvent"))).isEqualTo("Custom");
    }
}
