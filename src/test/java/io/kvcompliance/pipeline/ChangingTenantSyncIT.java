package io.kvcompliance.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kvcompliance.delivery.TestDatabase;
import io.kvcompliance.pipeline.SyncHarness.Result;
import io.kvcompliance.sandbox.Sandbox;
import io.kvcompliance.sandbox.fixture.FixtureLoader;
import io.kvcompliance.sandbox.http.SandboxSettings;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Upserts and history across syncs of a tenant that changes between them: a key added, a secret
 * changed, a certificate deleted, a vault becoming denied; then the tenant as it was. Each sync runs
 * against a sandbox started from the edited fixture, with one fixture clock so unchanged objects keep
 * their hash. Runs on H2 and on PostgreSQL.
 */
class ChangingTenantSyncIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VAULT = "kv-prod-payments";
    private static final Instant ANCHOR = Instant.now().truncatedTo(ChronoUnit.DAYS);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {TestDatabase.H2, TestDatabase.POSTGRESQL})
    void historyFollowsWhatAzureDidAndADeniedVaultKeepsItsRecords(String kind, @TempDir Path work) throws Exception {
        TestDatabase db = TestDatabase.create(kind, work);
        Result first = sync(work, db, fixture -> { });
        String denied = first.where("coverage", c -> c.at("/attributes/objectType").asText().equals("keys")
                        && c.at("/attributes/status").asText().equals("COLLECTED")
                        && c.at("/attributes/itemCount").asInt() > 0 && !c.get("vault").asText().equals(VAULT))
                .stream().map(c -> c.get("vault").asText()).findFirst()
                .orElseThrow(() -> new AssertionError("no second vault with keys collected"));

        Result second = sync(work, db, fixture -> {
            ObjectNode payments = vault(fixture, VAULT);
            ((ArrayNode) payments.get("keys")).addObject().put("name", "added-key").put("kty", "RSA")
                    .put("keySize", 2048).put("created", "now-P1D");
            ((ObjectNode) payments.get("secrets").get(0)).put("contentType", "application/x-rotated");
            ((ArrayNode) payments.get("certificates")).remove(0);
            vault(fixture, denied).putArray("denyAssignments").addObject().putArray("principals").add("*");
            ((ObjectNode) vault(fixture, denied).get("denyAssignments").get(0)).putArray("actions")
                    .add("Microsoft.KeyVault/vaults/keys/read");
        });
        String s1 = first.sync().syncId();
        String s2 = second.sync().syncId();
        assertThat(second.coverage(denied, "keys").at("/attributes/status").asText()).isEqualTo("DENIED");

        assertThat(db.rows("SELECT h.sync_id || ' ' || h.change_kind FROM records_history h JOIN records_current r"
                + " ON r.record_id = h.record_id WHERE r.type = 'key' AND r.attributes LIKE '%\"name\":\"added-key\"%'"))
                .containsExactly(s2 + " created");
        assertThat(db.rows("SELECT h.sync_id || ' ' || h.change_kind FROM records_history h JOIN records_current r"
                + " ON r.record_id = h.record_id WHERE r.type = 'secret' AND r.attributes LIKE '%\"name\":\"db-connection\"%'"
                + " ORDER BY h.valid_from")).containsExactly(s1 + " created", s2 + " changed");
        // the secret as it was when the first sync ran: history answers "as of"
        assertThat(db.rows("SELECT h.attributes FROM records_history h JOIN records_current r ON r.record_id = h.record_id"
                + " WHERE r.type = 'secret' AND r.attributes LIKE '%\"name\":\"db-connection\"%' AND h.valid_from ="
                + " (SELECT MAX(h2.valid_from) FROM records_history h2 WHERE h2.record_id = h.record_id"
                + " AND h2.valid_from <= (SELECT started_at FROM sync_runs WHERE sync_id = '" + s1 + "'))"))
                .singleElement().satisfies(a -> assertThat(a).contains("text/plain").doesNotContain("x-rotated"));
        assertThat(db.rows("SELECT deleted_by_sync FROM records_current WHERE type = 'certificate'"
                + " AND attributes LIKE '%\"name\":\"web-tls\"%'")).containsExactly(s2);
        // denied is not deleted: the vault's keys stay as the first sync saw them
        assertThat(db.rows("SELECT DISTINCT last_sync_id FROM records_current WHERE type = 'key' AND vault = '"
                + denied + "' AND deleted_at IS NULL")).containsExactly(s1);
        assertThat(db.rows("SELECT COUNT(*) FROM records_current WHERE deleted_at IS NOT NULL")).containsExactly("1");

        Result third = sync(work, db, fixture -> { });
        String s3 = third.sync().syncId();
        assertThat(db.rows("SELECT h.sync_id || ' ' || h.change_kind FROM records_history h JOIN records_current r"
                + " ON r.record_id = h.record_id WHERE r.type = 'certificate' AND r.attributes LIKE '%\"name\":\"web-tls\"%'"
                + " ORDER BY h.valid_from")).containsExactly(s1 + " created", s2 + " deleted", s3 + " reappeared");
        assertThat(db.rows("SELECT deleted_by_sync FROM records_current WHERE type = 'key'"
                + " AND attributes LIKE '%\"name\":\"added-key\"%'")).containsExactly(s3);
        assertThat(db.rows("SELECT DISTINCT last_sync_id FROM records_current WHERE type = 'key' AND vault = '"
                + denied + "'")).containsExactly(s3);
    }

    private static Result sync(Path work, TestDatabase db, Consumer<ObjectNode> edit) throws Exception {
        ObjectNode fixture;
        try (InputStream in = FixtureLoader.class.getClassLoader().getResourceAsStream(FixtureLoader.DEFAULT_RESOURCE)) {
            fixture = (ObjectNode) JSON.readTree(in);
        }
        edit.accept(fixture);
        Path file = Files.createTempFile(work, "tenant", ".json");
        JSON.writeValue(file.toFile(), fixture);
        SandboxSettings settings = SandboxSettings.defaults().toBuilder().anchor(ANCHOR).build();
        try (Sandbox sandbox = Sandbox.start(FixtureLoader.load(file), settings)) {
            Map<String, String> props = new HashMap<>(db.properties());
            Result result = SyncHarness.sync(sandbox, work, props);
            assertThat(result.sync().status()).as(SummaryTable.render(result.sync())).isEqualTo(SyncRun.Status.COMPLETE);
            return result;
        }
    }

    private static ObjectNode vault(ObjectNode fixture, String name) {
        for (JsonNode subscription : fixture.at("/tenants/0/subscriptions")) {
            for (JsonNode group : subscription.path("resourceGroups")) {
                for (JsonNode vault : group.path("vaults")) {
                    if (vault.path("name").asText().equals(name)) {
                        return (ObjectNode) vault;
                    }
                }
            }
        }
        throw new AssertionError("no vault " + name + " in the default tenant");
    }
}
