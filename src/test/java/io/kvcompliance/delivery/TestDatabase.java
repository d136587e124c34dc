package io.kvcompliance.delivery;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/** A fresh record-store database for one test: embedded H2 in the test's directory, or one on PostgreSQL. */
public record TestDatabase(String kind, String url, String user, String password) {
    /** The kinds every database test runs on. */
    public static final String H2 = "H2";
    public static final String POSTGRESQL = "PostgreSQL";

    public static TestDatabase create(String kind, Path dir) {
        if (kind.equals(POSTGRESQL)) {
            PostgresServer server = PostgresServer.shared();
            return new TestDatabase(kind, server.newDatabase(), server.user(), server.password());
        }
        return new TestDatabase(kind, "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db").resolve("kvc")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
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
