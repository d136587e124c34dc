package io.kvcompliance.pipeline;

import io.kvcompliance.delivery.RecordStore;
import io.kvcompliance.records.ComplianceRecord;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;

/**
 * Where the deliver route hands records for the database (bean {@code recordStore}): the sync's records
 * into the {@link RecordStore}, and at the sync's end its run and safe tombstones. Off when
 * kv.delivery.database.enabled is false. The store is opened (and its schema migrated) when the routes
 * are configured, before any route starts, and closed when Camel stops.
 */
public final class RecordDatabase implements Service {
    private final RecordStore store;

    private RecordDatabase(RecordStore store) {
        this.store = store;
    }

    static void bind(CamelContext context, Function<String, String> property) throws Exception {
        String enabled = property.apply("kv.delivery.database.enabled");
        if (enabled == null || !(enabled.trim().equalsIgnoreCase("true") || enabled.trim().equalsIgnoreCase("false"))) {
            throw new IllegalArgumentException("kv.delivery.database.enabled is '" + enabled + "': use true or false");
        }
        RecordStore store = null;
        if (Boolean.parseBoolean(enabled.trim())) {
            String url = property.apply("kv.delivery.database.url");
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("kv.delivery.database.url is not set: give a JDBC URL, e.g."
                        + " jdbc:h2:file:./data/kvc;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE, or set"
                        + " kv.delivery.database.enabled=false");
            }
            String password = property.apply("kv.delivery.database.password");
            store = RecordStore.open(url, property.apply("kv.delivery.database.user"), password == null ? "" : password,
                    CollectorConfiguration.intProperty(property, "kv.delivery.database.batch-size"));
        }
        RecordDatabase database = new RecordDatabase(store);
        context.getRegistry().bind("recordStore", database);
        context.addService(database, true, false);
    }

    public void write(SyncRun sync, ComplianceRecord record) {
        if (store != null) {
            store.write(sync.syncId(), sync.startedAt(), record);
        }
    }

    /** Called once the summary is delivered: flush, record the run, tombstone what was fully read and not seen. */
    public void complete(SyncRun sync) {
        if (store != null) {
            store.complete(sync.syncId(), sync.startedAt(), sync.status().name());
        }
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
        if (store != null) {
            store.close();
        }
    }
}
