package io.kvcompliance.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.kvcompliance.records.ComplianceRecord;
import io.kvcompliance.records.Provenance;
import io.kvcompliance.records.RecordJson;
import io.kvcompliance.records.RecordType;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class RecordStoreTest {
    private static final String SUB = "00000000-0000-0000-0000-000000000001";
    private static final Provenance CALL = new Provenance("resource-manager", "test", "2024-11-01");
    @TempDir
    Path dir;
    private TestDatabase db;
    private RecordStore store;

    /** Every test runs on both databases the store supports. */
    @Retention(RetentionPolicy.RUNTIME)
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {TestDatabase.H2, TestDatabase.POSTGRESQL})
    @interface OnEachDatabase {
    }

    private void open(String kind) {
        db = TestDatabase.create(kind, dir);
        store = RecordStore.open(db.url(), db.user(), db.password());
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @OnEachDatabase
    void sameRecordsAgainMoveOnlyLastSeen(String kind) throws SQLException {
        open(kind);
        Instant t1 = Instant.parse("2026-01-01T00:00:00Z");
        sync("s1", t1, "COMPLETE", key("kv-a", "k1", "v1"), key("kv-a", "k2", "v1"), collected("kv-a", "keys"));
        String before = query("SELECT attributes || attributes_hash || first_seen FROM records_current ORDER BY record_id");
        sync("s1", t1, "COMPLETE", key("kv-a", "k1", "v1"), key("kv-a", "k2", "v1"), collected("kv-a", "keys"));
        sync("s2", t1.plusSeconds(60), "COMPLETE", key("kv-a", "k1", "v1"), key("kv-a", "k2", "v1"), collected("kv-a", "keys"));

        assertThat(count("records_current")).isEqualTo(2);
        assertThat(count("records_history")).isEqualTo(2);
        assertThat(query("SELECT attributes || attributes_hash || first_seen FROM records_current ORDER BY record_id")).isEqualTo(before);
        assertThat(query("SELECT DISTINCT last_sync_id FROM records_current")).isEqualTo("s2");
        assertThat(count("coverage")).isEqualTo(2);
    }

    @OnEachDatabase
    void changedHashUpdatesCurrentAndAddsHistory(String kind) throws SQLException {
        open(kind);
        sync("s1", Instant.parse("2026-01-01T00:00:00Z"), "COMPLETE", key("kv-a", "k1", "v1"), collected("kv-a", "keys"));
        sync("s2", Instant.parse("2026-01-02T00:00:00Z"), "COMPLETE", key("kv-a", "k1", "v2"), collected("kv-a", "keys"));

        assertThat(count("records_history")).isEqualTo(2);
        assertThat(query("SELECT attributes FROM records_current")).contains("v2");
        // the vault's key as it was on a date: the latest history row valid from before it
        assertThat(query("SELECT attributes FROM records_history WHERE valid_from <= TIMESTAMP WITH TIME ZONE"
                + " '2026-01-01 12:00:00+00' ORDER BY valid_from DESC LIMIT 1")).contains("v1");
    }

    @OnEachDatabase
    void tombstonesOnlyPartitionsCollectedInThisSync(String kind) throws SQLException {
        open(kind);
        Instant t1 = Instant.parse("2026-01-01T00:00:00Z");
        sync("s1", t1, "COMPLETE", key("kv-a", "k1", "v1"), key("kv-b", "k1", "v1"), key("kv-c", "k1", "v1"),
                key("kv-d", "k1", "v1"), secret("kv-a", "s1"), vault("kv-a"), vault("kv-b"),
                collected("kv-a", "keys"), collected("kv-b", "keys"), collected("kv-c", "keys"),
                collected("kv-d", "keys"), collected("kv-a", "secrets"), collected(null, "vaults"));
        // sync 2 sees nothing: kv-a keys collected (empty), kv-b keys denied, kv-c throttled, kv-d failed,
        // kv-a secrets not reported at all, the vault list denied
        Instant t2 = t1.plusSeconds(3600);
        int marked = sync("s2", t2, "INCOMPLETE", collected("kv-a", "keys"), gap("kv-b", "keys", "DENIED"),
                gap("kv-c", "keys", "THROTTLED"), gap("kv-d", "keys", "FAILED"), gap(null, "vaults", "DENIED"));

        assertThat(marked).isEqualTo(1);
        assertThat(query("SELECT vault || '/' || type FROM records_current WHERE deleted_at IS NOT NULL")).isEqualTo("kv-a/key");
        assertThat(count("records_current WHERE deleted_at IS NULL")).isEqualTo(6);

        sync("s3", t2.plusSeconds(60), "COMPLETE", collected(null, "vaults"));
        assertThat(count("records_current WHERE type = 'vault' AND deleted_at IS NOT NULL")).isEqualTo(2);
    }

    @OnEachDatabase
    void listedVaultWhoseGetWasDeniedIsKept(String kind) throws SQLException {
        open(kind);
        Instant t1 = Instant.parse("2026-01-01T00:00:00Z");
        sync("s1", t1, "COMPLETE", vault("kv-a"), vault("kv-b"), collected(null, "vaults"), collected("kv-a", "vault"),
                collected("kv-b", "vault"));
        // kv-a is listed again but its GET is denied (no vault record); kv-b is no longer listed
        sync("s2", t1.plusSeconds(60), "COMPLETE", collected(null, "vaults"), gap("kv-a", "vault", "DENIED"));

        assertThat(query("SELECT vault FROM records_current WHERE deleted_at IS NOT NULL")).isEqualTo("kv-b");
    }

    @OnEachDatabase
    void failedOrReconnectSyncTombstonesNothing(String kind) throws SQLException {
        open(kind);
        sync("s1", Instant.parse("2026-01-01T00:00:00Z"), "COMPLETE", key("kv-a", "k1", "v1"), collected("kv-a", "keys"));
        sync("s2", Instant.parse("2026-01-02T00:00:00Z"), "FAILED", collected("kv-a", "keys"));
        sync("s3", Instant.parse("2026-01-03T00:00:00Z"), "RECONNECT_REQUIRED", collected("kv-a", "keys"));

        assertThat(count("records_current WHERE deleted_at IS NULL")).isEqualTo(1);
        assertThat(query("SELECT status FROM sync_runs WHERE sync_id = 's2'")).isEqualTo("FAILED");
        assertThat(count("sync_runs WHERE sync_id = 's3' AND finished_at IS NOT NULL")).isEqualTo(1);
    }

    @OnEachDatabase
    void reappearingRecordClearsDeletedAtWithHistoryRow(String kind) throws SQLException {
        open(kind);
        sync("s1", Instant.parse("2026-01-01T00:00:00Z"), "COMPLETE", key("kv-a", "k1", "v1"), collected("kv-a", "keys"));
        sync("s2", Instant.parse("2026-01-02T00:00:00Z"), "COMPLETE", collected("kv-a", "keys"));
        assertThat(count("records_current WHERE deleted_at IS NOT NULL")).isEqualTo(1);

        sync("s3", Instant.parse("2026-01-03T00:00:00Z"), "COMPLETE", key("kv-a", "k1", "v1"), collected("kv-a", "keys"));
        assertThat(count("records_current WHERE deleted_at IS NULL AND last_sync_id = 's3'")).isEqualTo(1);
        assertThat(query("SELECT sync_id || ':' || change_kind FROM records_history ORDER BY valid_from"))
                .isEqualTo("s1:created\ns2:deleted\ns3:reappeared");
    }

    @OnEachDatabase
    void summaryGoesToSyncRuns(String kind) throws SQLException {
        open(kind);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("status", "COMPLETE");
        ComplianceRecord summary = record(RecordType.SYNC_SUMMARY, "sync/s1", null, a);
        sync("s1", Instant.parse("2026-01-01T00:00:00Z"), "COMPLETE", summary);
        assertThat(query("SELECT summary FROM sync_runs WHERE sync_id = 's1'")).contains("COMPLETE");
        assertThat(count("records_current")).isZero();
    }

    @OnEachDatabase
    void objectsOfAVanishedVaultGoWithItAndEachTombstoneIsHistory(String kind) throws SQLException {
        open(kind);
        Instant t1 = Instant.parse("2026-01-01T00:00:00Z");
        sync("s1", t1, "COMPLETE", vault("kv-a"), key("kv-a", "k1", "v1"), secret("kv-a", "s1"), vault("kv-b"),
                key("kv-b", "k1", "v1"), collected(null, "vaults"), collected("kv-a", "vault"), collected("kv-a", "keys"),
                collected("kv-a", "secrets"), collected("kv-b", "vault"), collected("kv-b", "keys"));
        // kv-a is no longer listed: nothing of it was read, yet its key and secret went with it
        Instant t2 = t1.plusSeconds(60);
        int marked = sync("s2", t2, "COMPLETE", vault("kv-b"), key("kv-b", "k1", "v1"), collected(null, "vaults"),
                collected("kv-b", "vault"), collected("kv-b", "keys"));

        assertThat(marked).isEqualTo(3);
        assertThat(query("SELECT type FROM records_current WHERE deleted_at IS NOT NULL ORDER BY type"))
                .isEqualTo("key\nsecret\nvault");
        assertThat(count("records_history WHERE change_kind = 'deleted' AND sync_id = 's2'")).isEqualTo(3);
        // the same end delivered twice (replayed after a lost acknowledgement) adds nothing
        assertThat(store.complete("s2", t2, "COMPLETE")).isZero();
        assertThat(count("records_history WHERE change_kind = 'deleted'")).isEqualTo(3);
        assertThat(count("records_current WHERE vault = 'kv-b' AND deleted_at IS NULL")).isEqualTo(2);
    }

    @OnEachDatabase
    void aBatchWrittenTwiceChangesNothingMore(String kind) throws SQLException {
        open(kind);
        Instant t1 = Instant.parse("2026-01-01T00:00:00Z");
        List<ComplianceRecord> batch = List.of(key("kv-a", "k1", "v1"), key("kv-a", "k1", "v2"), collected("kv-a", "keys"));
        store.write("s1", t1, batch);
        store.write("s1", t1, batch);
        assertThat(count("records_current")).isEqualTo(1);
        assertThat(query("SELECT attributes FROM records_current")).as("the later of two in one batch wins").contains("v2");
        assertThat(count("records_history")).isEqualTo(1);
        assertThat(count("coverage")).isEqualTo(1);
    }

    @OnEachDatabase
    void anOlderSyncEndingLateNeitherOverwritesNorTombstonesWhatANewerOneSaw(String kind) throws SQLException {
        open(kind);
        Instant t1 = Instant.parse("2026-01-01T00:00:00Z");
        Instant t2 = t1.plusSeconds(600);
        // s2 started later (another instance, or s1's batches waited in a spool) and finished first
        sync("s2", t2, "COMPLETE", key("kv-a", "k1", "v2"), key("kv-a", "k2", "v1"), collected("kv-a", "keys"));
        // s1's view arrives late: k1 as it was, k2 not seen at all
        int marked = sync("s1", t1, "COMPLETE", key("kv-a", "k1", "v1"), collected("kv-a", "keys"));

        assertThat(marked).isZero();
        assertThat(query("SELECT attributes FROM records_current WHERE attributes LIKE '%k1%'")).contains("v2");
        assertThat(count("records_current WHERE deleted_at IS NULL AND last_sync_id = 's2'")).isEqualTo(2);
    }

    @OnEachDatabase
    void anEndWhoseRecordsDidNotAllArriveTombstonesNothing(String kind) throws SQLException {
        open(kind);
        sync("s1", Instant.parse("2026-01-01T00:00:00Z"), "COMPLETE", key("kv-a", "k1", "v1"), collected("kv-a", "keys"));
        Instant t2 = Instant.parse("2026-01-02T00:00:00Z");
        store.write("s2", t2, List.of(collected("kv-a", "keys")));
        assertThat(store.complete("s2", t2, "COMPLETE", false)).isZero();
        assertThat(count("records_current WHERE deleted_at IS NULL")).isEqualTo(1);
        assertThat(query("SELECT status FROM sync_runs WHERE sync_id = 's2'")).isEqualTo("COMPLETE");
    }

    @OnEachDatabase
    void aSyncNeverTombstonesWhatItSawItselfWhateverTheClocksPrecision(String kind) throws SQLException {
        open(kind);
        // nanoseconds: more than either database keeps
        Instant t1 = Instant.parse("2026-01-01T00:00:00.123456123Z");
        assertThat(sync("s1", t1, "COMPLETE", key("kv-a", "k1", "v1"), vault("kv-a"), collected("kv-a", "keys"),
                collected(null, "vaults"), collected("kv-a", "vault"))).isZero();
        assertThat(sync("s2", t1.plusNanos(999_999), "COMPLETE", key("kv-a", "k1", "v1"), vault("kv-a"),
                collected("kv-a", "keys"), collected(null, "vaults"), collected("kv-a", "vault"))).isZero();
        assertThat(count("records_current WHERE deleted_at IS NOT NULL")).isZero();
    }

    private int sync(String syncId, Instant time, String status, ComplianceRecord... records) {
        // batches of two, as a destination with a small batch size would send them
        for (int i = 0; i < records.length; i += 2) {
            store.write(syncId, time, List.of(records).subList(i, Math.min(records.length, i + 2)));
        }
        return store.complete(syncId, time, status);
    }

    private static ComplianceRecord key(String vault, String name, String version) {
        return record(RecordType.KEY, "https://" + vault + ".vault.azure.net/keys/" + name, vault,
                Map.of("name", name, "version", version));
    }

    private static ComplianceRecord secret(String vault, String name) {
        return record(RecordType.SECRET, "https://" + vault + ".vault.azure.net/secrets/" + name, vault, Map.of("name", name));
    }

    private static ComplianceRecord vault(String vault) {
        return record(RecordType.VAULT, vaultId(vault), vault, Map.of("name", vault));
    }

    private static String vaultId(String vault) {
        return "/subscriptions/" + SUB + "/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/" + vault;
    }

    private static ComplianceRecord collected(String vault, String objectType) {
        return gap(vault, objectType, "COLLECTED");
    }

    private static ComplianceRecord gap(String vault, String objectType, String status) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("objectType", objectType);
        a.put("status", status);
        a.put("itemCount", 0);
        a.put("httpStatus", status.equals("COLLECTED") ? 200 : 403);
        a.put("errorCode", null);
        a.put("message", null);
        String scope = vault == null ? "/subscriptions/" + SUB : vaultId(vault);
        return record(RecordType.COVERAGE, scope + "/coverage/" + objectType, vault, a);
    }

    private static ComplianceRecord record(RecordType type, String id, String vault, Map<String, Object> a) {
        return new ComplianceRecord(1, UUID.nameUUIDFromBytes((type + id).getBytes()).toString(), type, "tenant", SUB,
                vault == null ? null : "rg", vault, id, "2026-01-01T00:00:00Z", "s", CALL, RecordJson.attributesHash(a), a);
    }

    private int count(String from) throws SQLException {
        return db.count("SELECT COUNT(*) FROM " + from);
    }

    /** The query's first column, one row a line. */
    private String query(String sql) throws SQLException {
        return String.join("\n", db.rows(sql));
    }
}
