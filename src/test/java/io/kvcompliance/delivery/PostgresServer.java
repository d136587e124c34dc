package io.kvcompliance.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A real PostgreSQL for tests: the server KV_TEST_POSTGRES_URL names, or a throwaway cluster of our own. */
public final class PostgresServer implements AutoCloseable {
    private static final String URL_PREFIX = "jdbc:postgresql://";
    private static final String USER = "kvc";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static PostgresServer shared;

    private final String adminUrl;   // a database that always exists; CREATE DATABASE is sent there
    private final String user;
    private final String password;
    private final int port;
    private final Cluster cluster;   // null: an external server, not ours to stop
    private final boolean owned;     // startPrivate(): the caller closes it; shared(): the shutdown hook does

    private PostgresServer(String adminUrl, String user, String password, int port, Cluster cluster, boolean owned) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.port = port;
        this.cluster = cluster;
        this.owned = owned;
    }

    /**
     * The server every test in this JVM shares: KV_TEST_POSTGRES_URL (with KV_TEST_POSTGRES_USER and
     * KV_TEST_POSTGRES_PASSWORD) when set, else a private cluster started once and stopped at JVM exit.
     */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            shared = isSet("KV_TEST_POSTGRES_URL") ? external() : sharedCluster();
        }
        return shared;
    }

    /** A new cluster that only the caller uses, so it may stop and start it; close() deletes it. */
    public static PostgresServer startPrivate() {
        return startCluster(true);
    }

    /** Creates an empty database with a unique name and returns its JDBC URL. */
    public String newDatabase() {
        String name = "kvc_test_" + randomHex(6);
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
             Statement s = c.createStatement()) {
            // the name is ours (lowercase letters and hex digits), so it needs no quoting
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database via " + adminUrl + ": " + e.getMessage(), e);
        }
        return withDatabase(adminUrl, name);
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** Stops the server (fast shutdown: open connections are cut) and waits until it is down. */
    public void stop() {
        controllable().stop();
    }

    /** Starts the server again on the same data and port, and waits until it accepts connections. */
    public void start() {
        controllable().start();
    }

    /** Stops the cluster and deletes its files; only for servers from startPrivate(). */
    @Override
    public void close() {
        controllable().destroy();
    }

    /** Where the cluster keeps its data; for this class's own tests. */
    Path dataDirectory() {
        return controllable().dataDir;
    }

    // Stopping a shared server would break the other tests using it, and the external one is not ours at all.
    // Refusing both (rather than only the external one) keeps a test's outcome independent of the env vars.
    private Cluster controllable() {
        if (!owned) {
            throw new IllegalStateException("only a server from PostgresServer.startPrivate() can be stopped, started"
                    + " or closed; shared() is used by other tests too"
                    + (cluster == null ? " and is the server KV_TEST_POSTGRES_URL names" : ""));
        }
        return cluster;
    }

    private static PostgresServer external() {
        String url = System.getenv("KV_TEST_POSTGRES_URL");
        if (!url.startsWith(URL_PREFIX)) {
            throw new IllegalStateException("KV_TEST_POSTGRES_URL must look like "
                    + "jdbc:postgresql://127.0.0.1:5432/postgres, not " + url);
        }
        int port = URI.create(url.substring("jdbc:".length())).getPort();
        return new PostgresServer(url, requireEnv("KV_TEST_POSTGRES_USER"), requireEnv("KV_TEST_POSTGRES_PASSWORD"),
                port < 0 ? 5432 : port, null, false);
    }

    private static PostgresServer sharedCluster() {
        PostgresServer server = startCluster(false);
        // the shared cluster serves every test class, so the end of the JVM is the first moment nobody needs it
        Runtime.getRuntime().addShutdownHook(new Thread(server.cluster::destroy, "postgres-test-cluster-stop"));
        return server;
    }

    private static PostgresServer startCluster(boolean owned) {
        String password = randomHex(16);
        Cluster cluster = Cluster.create(USER, password);
        String adminUrl = URL_PREFIX + "127.0.0.1:" + cluster.port + "/postgres";
        return new PostgresServer(adminUrl, USER, password, cluster.port, cluster, owned);
    }

    /** The same URL (host, port, parameters) with another database. */
    private static String withDatabase(String url, String database) {
        URI uri = URI.create(url.substring("jdbc:".length()));
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return URL_PREFIX + uri.getRawAuthority() + "/" + database + query;
    }

    private static boolean isSet(String name) {
        String value = System.getenv(name);
        return value != null && !value.isBlank();
    }

    private static String requireEnv(String name) {
        String value = System.getenv(name);
        if (value == null) {
            throw new IllegalStateException("KV_TEST_POSTGRES_URL is set, so " + name + " must be set too");
        }
        return value;
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * A cluster in a temp dir of its own (data, sockets, log), run with the local server binaries. As root it
     * runs them as the postgres user, because initdb and postgres refuse to run as root.
     */
    private static final class Cluster {
        private static final String INSTALL_HINT =
                "install PostgreSQL (apt-get install -y postgresql) or set KV_TEST_POSTGRES_URL";
        private static final long PROCESS_TIMEOUT_SECONDS = 90;
        private static final int LOG_TAIL_LINES = 30;

        private final Path binDir;
        private final Path baseDir;   // /tmp/kvc-pg-*: holds the data dir, the unix socket and the log
        private final Path dataDir;
        private final Path log;       // initdb's, pg_ctl's and the server's output, in order
        private final int port;
        private final boolean asPostgres;

        private Cluster(Path binDir, Path baseDir, int port, boolean asPostgres) {
            this.binDir = binDir;
            this.baseDir = baseDir;
            this.dataDir = baseDir.resolve("data");
            this.log = baseDir.resolve("postgres.log");
            this.port = port;
            this.asPostgres = asPostgres;
        }

        static Cluster create(String user, String password) {
            Path binDir = findBinaries();
            boolean asPostgres = "root".equals(System.getProperty("user.name"));
            Cluster cluster = new Cluster(binDir, createBaseDir(asPostgres), freePort(), asPostgres);
            cluster.initdb(user, password);
            cluster.configure();
            cluster.start();
            return cluster;
        }

        void start() {
            // -w: return only once the server accepts connections; -l: the server's own log goes to our log
            run("pg_ctl start", List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-l", log.toString(),
                    "-w", "-t", "60", "start"));
        }

        void stop() {
            run("pg_ctl stop", List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60", "stop"));
        }

        void destroy() {
            // postmaster.pid exists exactly while the server runs (a test may have stopped it already)
            if (Files.exists(dataDir.resolve("postmaster.pid"))) {
                stop();
            }
            deleteRecursively(baseDir);
        }

        private void initdb(String user, String password) {
            Path pwfile = baseDir.resolve("pwfile");
            write(pwfile, password + "\n");
            giveToPostgres(pwfile);
            // --no-sync: nothing to keep after a crash; -E/--locale: the same cluster whatever LANG says
            run("initdb", List.of(bin("initdb"), "-D", dataDir.toString(), "-U", user, "--pwfile=" + pwfile,
                    "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"));
            deleteRecursively(pwfile);
        }

        private void configure() {
            // later settings win, so appending overrides initdb's defaults; stop()/start() keep them
            write(dataDir.resolve("postgresql.conf"), String.join("\n",
                    "",
                    "# test cluster (PostgresServer): loopback only, own socket dir, no durability",
                    "listen_addresses = '127.0.0.1'",
                    "port = " + port,
                    "unix_socket_directories = '" + baseDir + "'",
                    "fsync = off",
                    "full_page_writes = off",
                    ""));
        }

        private static Path findBinaries() {
            return debianBinaries().or(Cluster::binariesOnPath).orElseThrow(() -> new IllegalStateException(
                    "no PostgreSQL server binaries (initdb, pg_ctl) in /usr/lib/postgresql/*/bin or on PATH: "
                            + INSTALL_HINT));
        }

        // Debian keeps server binaries off PATH, one directory per major version; take the newest
        private static Optional<Path> debianBinaries() {
            try (Stream<Path> versions = list(Path.of("/usr/lib/postgresql"))) {
                return versions.filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                        .map(v -> v.resolve("bin"))
                        .filter(Cluster::hasServerBinaries)
                        .max(Comparator.comparingDouble(b -> Double.parseDouble(b.getParent().getFileName().toString())));
            }
        }

        private static Optional<Path> binariesOnPath() {
            String path = System.getenv().getOrDefault("PATH", "");
            return Arrays.stream(path.split(java.io.File.pathSeparator))
                    .filter(dir -> !dir.isEmpty())
                    .map(dir -> Path.of(dir, "initdb"))
                    .filter(Files::isExecutable)
                    // initdb may be a symlink into the real bin dir; pg_ctl must sit beside the real one
                    .map(Cluster::realPath)
                    .map(Path::getParent)
                    .filter(Cluster::hasServerBinaries)
                    .findFirst();
        }

        private static boolean hasServerBinaries(Path dir) {
            return Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"));
        }

        // /tmp rather than java.io.tmpdir: the socket path must stay under ~100 bytes, and postgres must reach it
        private static Path createBaseDir(boolean asPostgres) {
            try {
                Path dir = Files.createTempDirectory(Path.of("/tmp"), "kvc-pg-");
                if (asPostgres) {
                    // the postgres user creates the data dir, the socket and the server log in here
                    giveToPostgres(dir);
                    Files.createFile(dir.resolve("postgres.log"));
                    giveToPostgres(dir.resolve("postgres.log"));
                }
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temp dir for the test cluster", e);
            }
        }

        private static void giveToPostgres(Path path) {
            try {
                UserPrincipal postgres = FileSystems.getDefault().getUserPrincipalLookupService()
                        .lookupPrincipalByName("postgres");
                Files.setOwner(path, postgres);
            } catch (IOException e) {
                throw new IllegalStateException("running as root, the test cluster must belong to the user"
                        + " 'postgres', but " + path + " cannot be given to it (" + e + "): " + INSTALL_HINT, e);
            }
        }

        // The kernel picks a free port; it stays free until the server binds it unless another process is quicker.
        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("no free port on the loopback interface", e);
            }
        }

        private String bin(String name) {
            return binDir.resolve(name).toString();
        }

        /** Runs a PostgreSQL binary (as postgres when we are root), its output appended to the log. */
        private void run(String what, List<String> command) {
            List<String> full = new ArrayList<>();
            if (asPostgres) {
                full.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            full.addAll(command);
            write(log, "$ " + String.join(" ", full) + "\n");
            ProcessBuilder builder = new ProcessBuilder(full)
                    .directory(baseDir.toFile())   // runuser keeps the cwd, which postgres may not be allowed to read
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // a developer's PGDATA or PGPORT must not point our commands at another cluster
            builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
            try {
                Process process = builder.start();
                if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw failure(what + " did not finish within " + PROCESS_TIMEOUT_SECONDS + " s");
                }
                if (process.exitValue() != 0) {
                    throw failure(what + " failed with exit code " + process.exitValue());
                }
            } catch (IOException e) {
                throw failure(what + " could not be run: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure(what + " was interrupted");
            }
        }

        private IllegalStateException failure(String message) {
            return new IllegalStateException(message + "; last lines of " + log + ":\n" + logTail());
        }

        private String logTail() {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }

        private static void write(Path file, String text) {
            try {
                Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }

        private static Stream<Path> list(Path dir) {
            try {
                return Files.isDirectory(dir) ? Files.list(dir) : Stream.empty();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }

        private static Path realPath(Path path) {
            try {
                return path.toRealPath();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot resolve " + path, e);
            }
        }

        private static void deleteRecursively(Path path) {
            if (!Files.exists(path)) {
                return;
            }
            try (Stream<Path> files = Files.walk(path)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + path, e);
            }
        }
    }
}
