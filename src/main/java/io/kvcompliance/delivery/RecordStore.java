package io.kvcompliance.delivery;

import io.kvcompliance.records.ComplianceRecord;
import io.kvcompliance.records.RecordType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record store: current records, their history, coverage and sync runs in one JDBC database
 * (embedded H2 by default, or PostgreSQL). Each batch is one transaction and idempotent: the same record
 * with the same hash only moves last_seen, so a batch delivered twice (a retry, a replay) changes nothing
 * more. A lost connection is dropped and reopened on the next call, so the store comes back with its
 * database. Thread-safe (writes are serialised on one connection).
 */
public final class RecordStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordStore.class);
    /** Record ids per SELECT ... IN (...) when looking up stored hashes. */
    private static final int LOOKUP_CHUNK = 500;
    private static final int LOGIN_TIMEOUT_SECONDS = 10;
    private static final int NETWORK_TIMEOUT_MILLIS = 120_000;
    private final String url;
    /** The URL for messages: a password given in it (;PASSWORD= or ?password=) is masked. */
    private final String safeUrl;
    private final String user;
    private final String password;
    private Connection connection;
    private boolean migrated;

    private RecordStore(String url, String user, String password) {
        this.url = url;
        this.safeUrl = masked(url);
        this.user = user;
        this.password = password;
    }

    /**
     * Opens the store and migrates its schema (Flyway, db/migration). A database that cannot be reached
     * right now (SQLState class 08) is not fatal: the migration is retried before the first write, and
     * meanwhile deliveries fail and are spooled. Anything else (bad credentials, a bad URL) is a
     * configuration error.
     */
    public static RecordStore open(String url, String user, String password) {
        RecordStore store = new RecordStore(url, user, password == null ? "" : password);
        try {
            store.migrate();
        } catch (RuntimeException e) {
            if (rootMessage(e).contains("already in use")) {
                throw new IllegalArgumentException("the record store " + store.safeUrl + " is an embedded H2 file that"
                        + " another process holds (a running `run`?): stop it first, or give the processes a shared"
                        + " PostgreSQL in kv.delivery.database.url", e);
            }
            if (!unreachable(e)) {
                throw new IllegalArgumentException("cannot open the record store at " + store.safeUrl + ": " + rootMessage(e)
                        + " (check kv.delivery.database.url, kv.delivery.database.user and the environment variable"
                        + " KV_DELIVERY_DATABASE_PASSWORD)", e);
            }
            LOG.warn("the record store at {} cannot be reached ({}); records are spooled until it is back", store.safeUrl,
                    rootMessage(e));
        }
        return store;
    }

    private synchronized void migrate() {
        if (!migrated) {
            Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").load().migrate();
            migrated = true;
        }
    }

    /** Writes one batch of a sync in one transaction: objects, coverage, and the summary's sync run. */
    public synchronized void write(String syncId, Instant syncTime, List<ComplianceRecord> records) {
        // the same record twice in one batch: the last one wins, as it would in two batches
        Map<String, ComplianceRecord> unique = new LinkedHashMap<>();
        records.forEach(r -> {
            unique.remove(r.recordId());
            unique.put(r.recordId(), r);
        });
        inTransaction(c -> {
            StoreBatch batch = new StoreBatch(c);
            Map<String, StoreBatch.Existing> stored = existing(c, unique.values());
            for (ComplianceRecord r : unique.values()) {
                if (r.type() == RecordType.COVERAGE) {
                    batch.coverage(syncId, r);
                } else if (r.type() == RecordType.SYNC_SUMMARY) {
                    batch.summary(syncId, time(syncTime), r);
                } else {
                    batch.record(syncId, time(syncTime), r, stored.get(r.recordId()));
                }
            }
            batch.execute();
            if (batch.stale() > 0) {
                LOG.info("sync {}: {} records left as a newer sync wrote them", syncId, batch.stale());
            }
            return null;
        });
    }

    /**
     * Ends a sync: records its end and status, then marks deleted what this sync did not see in the
     * partitions it read completely ({@link Tombstones}). Idempotent. Returns the number tombstoned.
     */
    public synchronized int complete(String syncId, Instant startedAt, String status) {
        return complete(syncId, startedAt, status, true);
    }

    /** As above; {@code allRecordsArrived} false (a batch of the sync was refused or lost) tombstones nothing. */
    public synchronized int complete(String syncId, Instant startedAt, String status, boolean allRecordsArrived) {
        return inTransaction(c -> {
            StoreBatch.upsertSyncRun(c, syncId, time(startedAt), status, time(Instant.now()), null);
            return Tombstones.mark(c, syncId, time(startedAt), status, allRecordsArrived);
        });
    }

    /** The stored hash and deleted state of each record that exists, looked up in chunks. */
    private static Map<String, StoreBatch.Existing> existing(Connection c, Iterable<ComplianceRecord> records)
            throws SQLException {
        List<String> ids = new ArrayList<>();
        records.forEach(r -> {
            if (r.type() != RecordType.COVERAGE && r.type() != RecordType.SYNC_SUMMARY) {
                ids.add(r.recordId());
            }
        });
        Map<String, StoreBatch.Existing> out = new HashMap<>();
        for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement s = c.prepareStatement("SELECT record_id, attributes_hash, deleted_at, last_seen"
                    + " FROM records_current WHERE record_id IN (" + marks + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new StoreBatch.Existing(rs.getString(2), rs.getObject(3) != null,
                                rs.getObject(4, OffsetDateTime.class)));
                    }
                }
            }
        }
        return out;
    }

    private <T> T inTransaction(SqlWork<T> work) {
        try {
            migrate();
            Connection c = connection();
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException e) {
                rollbackAndDrop(e);
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            throw new RecordStoreException("record store write to " + safeUrl + " failed: " + rootMessage(e), e);
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            DriverManager.setLoginTimeout(LOGIN_TIMEOUT_SECONDS);
            connection = DriverManager.getConnection(url, user, password);
            connection.setAutoCommit(false);
            try {
                // a connection dropped without a reset (a firewall's idle timeout) fails a batch, not the sync
                connection.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MILLIS);
            } catch (java.sql.SQLFeatureNotSupportedException embedded) {
                // embedded H2 has no network to wait on
            }
        }
        return connection;
    }

    /** After a failed transaction the connection may be dead (the server restarted): drop it, reopen next time. */
    private void rollbackAndDrop(SQLException cause) {
        try {
            connection.rollback();
        } catch (SQLException suppressed) {
            cause.addSuppressed(suppressed);
        }
        closeQuietly();
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is being abandoned; its close failing changes nothing
            }
            connection = null;
        }
    }

    /** SQLState class 08: the database cannot be reached (not a configuration error). */
    static boolean unreachable(Throwable error) {
        return sqlStateClass(error, "08");
    }

    /** Whether an SQLException in the cause chain has a state of one of these classes (first two characters). */
    static boolean sqlStateClass(Throwable error, String... classes) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().length() >= 2
                    && java.util.Arrays.asList(classes).contains(s.getSQLState().substring(0, 2))) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Where the store is, and whether its schema is in place (the check command prints it). */
    @Override
    public synchronized String toString() {
        try {
            migrate();
            return safeUrl + " (reachable, schema migrated)";
        } catch (RuntimeException e) {
            return safeUrl + " (not reachable now: " + rootMessage(e) + ")";
        }
    }

    /** A JDBC URL fit for a message: a password given in it (;PASSWORD= or ?password=) is masked. */
    public static String masked(String url) {
        return url.replaceAll("(?i)(password|pwd)=[^;&]*", "$1=xxxxxx");
    }

    /**
     * A sync's time as the database holds it: to the millisecond, so what is written (last_seen) and what
     * it is compared with (the tombstone rule's "seen before this sync started") are the same value on H2
     * and PostgreSQL alike, whatever the clock's precision.
     */
    static OffsetDateTime time(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}
