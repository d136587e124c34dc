package io.kvcompliance.delivery;

import io.kvcompliance.records.ComplianceRecord;
import io.kvcompliance.records.RecordType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * The record store: current records, their history, coverage and sync runs in one JDBC database
 * (embedded H2 by default). Writes are buffered and flushed in JDBC batches, one transaction each, and
 * are idempotent: the same record with the same hash only moves last_seen. Thread-safe (vaults are
 * collected in parallel; one connection, writes serialised).
 */
public final class RecordStore implements AutoCloseable {
    private final Connection connection;
    private final int batchSize;
    private final Map<String, Pending> buffer = new LinkedHashMap<>();

    private record Pending(String syncId, Instant syncTime, ComplianceRecord record) {
    }

    private RecordStore(Connection connection, int batchSize) {
        this.connection = connection;
        this.batchSize = batchSize;
    }

    /** Migrates the schema (Flyway, db/migration) and opens the store. */
    public static RecordStore open(String url, String user, String password, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("kv.delivery.database.batch-size must be at least 1, not " + batchSize);
        }
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
        try {
            Connection c = DriverManager.getConnection(url, user, password);
            c.setAutoCommit(false);
            return new RecordStore(c, batchSize);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the record store at " + url
                    + " (kv.delivery.database.url): " + e.getMessage(), e);
        }
    }

    /** Buffers one record of a sync; the batch is written once it holds batch-size records. */
    public synchronized void write(String syncId, Instant syncTime, ComplianceRecord record) {
        // the same record twice in one batch: the last one wins, as it would in two batches
        buffer.remove(record.recordId());
        buffer.put(record.recordId(), new Pending(syncId, syncTime, record));
        if (buffer.size() >= batchSize) {
            flush();
        }
    }

    /** Writes what is buffered, in one transaction. */
    public synchronized void flush() {
        if (buffer.isEmpty()) {
            return;
        }
        List<Pending> batch = new ArrayList<>(buffer.values());
        buffer.clear();
        inTransaction(() -> {
            RecordBatch objects = new RecordBatch(connection);
            for (Pending p : batch) {
                RecordType type = p.record().type();
                if (type == RecordType.COVERAGE) {
                    objects.coverage(p.syncId(), p.record());
                } else if (type == RecordType.SYNC_SUMMARY) {
                    objects.summary(p.syncId(), time(p.syncTime()), p.record());
                } else {
                    objects.record(p.syncId(), time(p.syncTime()), p.record(), existing(p.record().recordId()));
                }
            }
            objects.execute();
        });
    }

    /**
     * Ends a sync: flushes, records its end and status, then marks deleted what this sync did not see
     * in the partitions it read completely ({@link Tombstones}). Returns the number of records tombstoned.
     */
    public synchronized int complete(String syncId, Instant startedAt, String status) {
        flush();
        int[] tombstoned = {0};
        inTransaction(() -> {
            RecordBatch.upsertSyncRun(connection, syncId, time(startedAt), status, time(Instant.now()), null);
            tombstoned[0] = Tombstones.mark(connection, syncId, time(startedAt), status);
        });
        return tombstoned[0];
    }

    /** The stored hash and deleted_at of a record, or null when the record is new. */
    private RecordBatch.Existing existing(String recordId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT attributes_hash, deleted_at FROM records_current WHERE record_id = ?")) {
            s.setString(1, recordId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new RecordBatch.Existing(rs.getString(1), rs.getObject(2) != null) : null;
            }
        }
    }

    private void inTransaction(SqlWork work) {
        try {
            work.run();
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("record store write failed: " + e.getMessage(), e);
        }
    }

    static OffsetDateTime time(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static void setNullable(PreparedStatement s, int index, Integer value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, value);
        }
    }

    @Override
    public synchronized void close() {
        try {
            flush();
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot close the record store: " + e.getMessage(), e);
            }
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        void run() throws SQLException;
    }
}
