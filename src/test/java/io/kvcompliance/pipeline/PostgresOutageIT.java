package io.kvcompliance.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kvcompliance.delivery.DeliveryStats;
import io.kvcompliance.delivery.PostgresServer;
import io.kvcompliance.delivery.TestDatabase;
import io.kvcompliance.pipeline.SyncHarness.Result;
import io.kvcompliance.sandbox.Sandbox;
import io.kvcompliance.sandbox.fixture.FixtureLoader;
import io.kvcompliance.sandbox.http.SandboxSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost: PostgreSQL is stopped in the middle of a sync. The collection goes on, the database's
 * batches are retried and then spooled; once PostgreSQL is back the next sync replays them first, and
 * the database ends up holding every record of both syncs exactly once.
 */
class PostgresOutageIT {

    @Test
    void recordsSpooledDuringAnOutageArriveOnceWhenTheDatabaseIsBack(@TempDir Path work) throws Exception {
        SandboxSettings slow = SandboxSettings.defaults().toBuilder().latencyMillis(40).build();
        try (PostgresServer postgres = PostgresServer.startPrivate();
             Sandbox sandbox = Sandbox.start(FixtureLoader.defaultTenant(), slow)) {
            TestDatabase db = TestDatabase.on(postgres);
            Map<String, String> props = new HashMap<>(SyncHarness.properties(sandbox, work));
            props.putAll(db.properties());
            props.putAll(Map.of("kv.delivery.database.batch-size", "3",
                    "kv.delivery.retry.attempts", "2", "kv.delivery.retry.initial-delay-ms", "10",
                    "kv.delivery.retry.max-delay-ms", "20", "kv.sync.vault-concurrency", "1",
                    "kv.sync.subscription-concurrency", "1"));

            CompletableFuture<Result> running = CompletableFuture.supplyAsync(() -> sync(props));
            // the first batches are in: now the database goes away, mid-sync
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> db.count("SELECT COUNT(*) FROM records_current") > 0);
            postgres.stop();
            Result first = running.get();

            DeliveryStats outage = first.sync().figures().deliveries().get("database");
            assertThat(first.sync().status()).as(SummaryTable.render(first.sync())).isEqualTo(SyncRun.Status.COMPLETE);
            assertThat(outage.delivered()).as("written before the outage").isPositive();
            assertThat(outage.spooled()).as("spooled during it").isPositive();
            assertThat(outage.delivered() + outage.spooled()).isEqualTo(first.records().size());
            assertThat(SummaryTable.render(first.sync())).contains(outage.spooled() + " spooled");

            postgres.start();
            Result second = sync(props);
            DeliveryStats back = second.sync().figures().deliveries().get("database");
            assertThat(back.replayed()).isEqualTo(outage.spooled());
            assertThat(back.pending()).isZero();
            assertThat(back.delivered()).isEqualTo(second.records().size());

            Set<String> objects = first.objectIds();
            assertThat(second.objectIds()).isEqualTo(objects);
            assertThat(new HashSet<>(db.rows("SELECT record_id FROM records_current WHERE deleted_at IS NULL")))
                    .isEqualTo(objects);
            // each record created once, never changed, never deleted: one history row each, no duplicates
            assertThat(db.count("SELECT COUNT(*) FROM records_history")).isEqualTo(objects.size());
            assertThat(db.count("SELECT COUNT(*) FROM records_history WHERE change_kind = 'created'"))
                    .isEqualTo(objects.size());
            assertThat(db.count("SELECT COUNT(*) FROM records_current WHERE last_sync_id = '" + second.sync().syncId() + "'"))
                    .isEqualTo(objects.size());
            for (Result sync : List.of(first, second)) {
                assertThat(db.count("SELECT COUNT(*) FROM coverage WHERE sync_id = '" + sync.sync().syncId() + "'"))
                        .isEqualTo(sync.ofType("coverage").size());
            }
            assertThat(db.count("SELECT COUNT(*) FROM sync_runs WHERE status = 'COMPLETE' AND finished_at IS NOT NULL"
                    + " AND summary IS NOT NULL")).isEqualTo(2);
        }
    }

    private static Result sync(Map<String, String> props) {
        try {
            return SyncHarness.sync(props);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
