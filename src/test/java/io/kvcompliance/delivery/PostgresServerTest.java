package io.kvcompliance.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** The test PostgreSQL: fresh databases the schema migrates into, and a private cluster that stops and starts. */
class PostgresServerTest {

    @Test
    void aNewDatabaseOnTheSharedServerTakesTheSchema() throws SQLException {
        PostgresServer server = PostgresServer.shared();
        String url = server.newDatabase();

        assertThat(query(server, url, "SELECT version()")).startsWith("PostgreSQL");
        Flyway.configure().dataSource(url, server.user(), server.password())
                .locations("classpath:db/migration").load().migrate();
        assertThat(query(server, url, "SELECT count(*) FROM records_current")).isEqualTo("0");
        assertThat(server.newDatabase()).isNotEqualTo(url);
    }

    @Test
    void theSharedServerCannotBeStoppedByOneTest() {
        assertThatThrownBy(() -> PostgresServer.shared().stop()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPrivateClusterStopsStartsAndIsDeletedOnClose() throws SQLException {
        Path dataDir;
        try (PostgresServer server = PostgresServer.startPrivate()) {
            dataDir = server.dataDirectory();
            String url = server.newDatabase();
            assertThat(query(server, url, "SELECT 1")).isEqualTo("1");

            server.stop();
            assertThatThrownBy(() -> query(server, url, "SELECT 1")).isInstanceOf(SQLException.class);

            server.start();
            assertThat(query(server, url, "SELECT 1")).isEqualTo("1");
            assertThat(dataDir).isDirectory();
        }
        assertThat(dataDir).doesNotExist();
    }

    private static String query(PostgresServer server, String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, server.user(), server.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
