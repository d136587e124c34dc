package io.kvcompliance.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvcompliance.delivery.TestDatabase;
import io.kvcompliance.pipeline.SyncHarness.Result;
import io.kvcompliance.sandbox.Sandbox;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real routes write the record store, on H2 and on PostgreSQL: two syncs of the default tenant are
 * idempotent, a record a later sync does not see is tombstoned only where that sync read its partition
 * completely, and the README's example queries run.
 */
class DatabaseSyncIT {
    static final String PROD = "bf6c8352-3afe-406a-8289-e9096c88bfe6";
    static final Map<String, String> TYPES = Map.of("keys", "key", "secrets", "secret", "certificates", "certificate",
            "roleAssignments", "roleAssignment", "diagnosticSettings", "diagnosticSetting", "accessPolicies", "accessPolicy");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {TestDatabase.H2, TestDatabase.POSTGRESQL})
    void syncsAreIdempotentAndTombstoneOnlyWhatWasFullyRead(String kind, @TempDir Path work) throws Exception {
        TestDatabase db = TestDatabase.create(kind, work);
        try (Sandbox sandbox = Sandbox.start()) {
            Result first = SyncHarness.sync(sandbox, work, db.properties());
            Set<String> delivered = first.objectIds();
            assertThat(db.count("SELECT COUNT(*) FROM records_current")).isEqualTo(delivered.size());
            int history = db.count("SELECT COUNT(*) FROM records_history");
            assertThat(history).isEqualTo(delivered.size());
            assertThat(db.count("SELECT COUNT(*) FROM coverage")).isEqualTo(first.ofType("coverage").size());

            JsonNode collected = keysCoverage(first, "COLLECTED", false);
            JsonNode denied = first.where("coverage", c -> !c.get("vault").isNull()
                    && TYPES.containsKey(c.at("/attributes/objectType").asText())
                    && !c.at("/attributes/status").asText().equals("COLLECTED")).stream().findFirst()
                    .orElseThrow(() -> new AssertionError("the default tenant has no vault partition gap"));
            JsonNode prod = keysCoverage(first, "COLLECTED", true);
            // keys that vanished from Azure after sync 1: one per kind of partition
            ghost(db, "ghost-collected", collected);
            ghost(db, "ghost-denied", denied);
            ghost(db, "ghost-prod", prod);

            Result second = SyncHarness.sync(sandbox, work, db.properties());
            assertThat(second.sync().status()).isEqualTo(SyncRun.Status.COMPLETE);
            assertThat(second.objectIds()).isEqualTo(delivered);
            // nothing changed in Azure: the only new history rows are the two tombstones
            assertThat(db.count("SELECT COUNT(*) FROM records_history")).isEqualTo(history + 2);
            assertThat(db.count("SELECT COUNT(*) FROM records_history WHERE change_kind = 'deleted'")).isEqualTo(2);
            assertThat(db.rows("SELECT record_id FROM records_current WHERE deleted_at IS NOT NULL")).containsExactlyInAnyOrder("ghost-collected", "ghost-prod");
            assertThat(db.count("SELECT COUNT(*) FROM sync_runs WHERE finished_at IS NOT NULL"
                    + " AND status = 'COMPLETE' AND summary IS NOT NULL")).isEqualTo(2);
            List<Integer> answers = readmeQueries(db);
            assertThat(answers).hasSize(5);
            assertThat(answers.get(0)).as("vaults without purge protection").isPositive();
            assertThat(answers.get(2)).as("principals who can list or get secrets").isPositive();
            assertThat(answers.get(3)).as("changed in the last sync: the two tombstones").isEqualTo(2);

            // sync 3 leaves production out: its partitions were not read, so nothing of it is tombstoned
            ghost(db, "ghost-prod-2", prod);
            Map<String, String> excludeProd = new java.util.HashMap<>(db.properties());
            excludeProd.put("kv.sync.subscriptions.exclude", PROD);
            Result third = SyncHarness.sync(sandbox, work, excludeProd);
            assertThat(third.ofType("vault")).isNotEmpty();
            assertThat(db.rows("SELECT record_id FROM records_current WHERE deleted_at IS NOT NULL")).containsExactlyInAnyOrder("ghost-collected", "ghost-prod");
            assertThat(db.count("SELECT COUNT(*) FROM records_current WHERE subscription_id = '" + PROD
                    + "' AND last_sync_id = '" + second.sync().syncId() + "'")).isPositive();
        }
    }

    /** Runs the example queries of the README's Database section; returns each one's row count. */
    private static List<Integer> readmeQueries(TestDatabase db) throws Exception {
        String readme = java.nio.file.Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Database"), readme.indexOf("## Troubleshooting"));
        String sql = section.substring(section.indexOf("```sql") + 6, section.lastIndexOf("```"));
        List<Integer> out = new java.util.ArrayList<>();
        for (String query : sql.split(";")) {
            if (!query.isBlank()) {
                out.add(db.rows(query).size());
            }
        }
        return out;
    }

    private static JsonNode keysCoverage(Result result, String status, boolean prod) {
        return result.where("coverage", c -> c.at("/attributes/objectType").asText().equals("keys")
                        && c.at("/attributes/status").asText().equals(status)
                        && c.get("subscriptionId").asText().equals(PROD) == prod)
                .stream().findFirst().orElseThrow(() -> new AssertionError("the default tenant has no " + status
                        + " keys partition " + (prod ? "in" : "outside") + " production"));
    }

    /** Plants a record no sync has seen in the partition of this coverage record (upper-cased vault name). */
    static void ghost(TestDatabase db, String id, JsonNode coverage) throws SQLException {
        try (Connection c = db.connect();
             PreparedStatement s = c.prepareStatement("INSERT INTO records_current (record_id, type, tenant_id,"
                     + " subscription_id, resource_group, vault, azure_id, attributes, attributes_hash, first_seen,"
                     + " last_seen, last_sync_id) VALUES (?, ?, 't', ?, 'rg', ?, ?, '{}', 'h', CURRENT_TIMESTAMP,"
                     + " CURRENT_TIMESTAMP, 'an-earlier-sync')")) {
            s.setString(1, id);
            s.setString(2, TYPES.get(coverage.at("/attributes/objectType").asText()));
            s.setString(3, coverage.get("subscriptionId").asText());
            s.setString(4, coverage.get("vault").asText().toUpperCase());
            s.setString(5, id);
            s.executeUpdate();
        }
    }
}
