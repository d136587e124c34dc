package io.kvcompliance.delivery;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A fresh record-store database for one test: embedded H2 in the test's directory, or one on PostgreSQL. */
public record TestDatabase(String kind, String url, String user, String password) {
    /** The kinds every database test runs on. */
    public static final String H2 = "H2";
    public static final String POSTGRESQL = "PostgreSQL";

    public static TestDatabase create(String kind, Path dir) {
        return kind.equals(POSTGRESQL) ? on(PostgresServer.shared()) : h2(dir);
    }

    /** The embedded H2 file of a test's directory (the one SyncHarness points a sync at). */
    public static TestDatabase h2(Path dir) {
        return new TestDatabase(H2, "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db").resolve("kvc")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
    }

    /** A new database on this PostgreSQL server. */
    public static TestDatabase on(PostgresServer server) {
        return new TestDatabase(POSTGRESQL, server.newDatabase(), server.user(), server.password());
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** The first column of every row the query returns, as text. */
    public List<String> rows(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** The one number a query such as SELECT COUNT(*) returns. */
    public int count(String sql) throws SQLException {
        return Integer.parseInt(rows(sql).get(0));
    }

    /** The collector's properties that point the record store here. */
    public Map<String, String> properties() {
        return Map.of("kv.delivery.database.url", url, "kv.delivery.database.user", user,
                "kv.delivery.database.password", password);
    }

    @Override
    public String toString() {
        return kind;
    }
}
