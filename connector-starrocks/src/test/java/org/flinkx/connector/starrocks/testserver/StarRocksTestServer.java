package org.flinkx.connector.starrocks.testserver;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ExceptionListener;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.impl.bootstrap.HttpServer;
import org.apache.hc.core5.http.impl.bootstrap.ServerBootstrap;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.io.CloseMode;

/**
 * An in-JVM StarRocks that speaks Stream Load: an FE and one or more BEs, each an HTTP server on
 * 127.0.0.1 and a free port, over in-memory tables. It follows the HTTP API of StarRocks 3.x as its
 * documentation publishes it (Stream Load, the Stream Load transaction interface, {@code
 * get_load_state}):
 *
 * <ul>
 *   <li>{@code PUT /api/{db}/{table}/_stream_load} and {@code /api/transaction/*} on the FE answer
 *       307 with {@code Location} to a BE, before the body when the request carries {@code Expect:
 *       100-continue}; only a BE sends {@code 100 Continue}. Basic auth on every node.
 *   <li>CSV ({@code column_separator}, {@code row_delimiter}, {@code \xHH} escapes, {@code
 *       enclose}, {@code escape}) and JSON ({@code strip_outer_array}, {@code jsonpaths}); the
 *       {@code columns} header with {@code __op}; {@code partial_update}; values checked against
 *       the column types; {@code max_filter_ratio}; filtered rows behind an {@code ErrorURL}.
 *   <li>Labels are unique (an aborted label may be reused); transactions move PREPARE → PREPARED →
 *       COMMITTED → VISIBLE or ABORTED; {@code timeout}, {@code idle_transaction_timeout} and
 *       {@code prepared_timeout} expire them by a {@link TestClock} the test advances.
 *   <li>The FE's query port speaks MySQL's protocol as far as creating tables needs it ({@link
 *       #jdbcUrl()}, {@link MysqlFrontend}): a client logs in with the user's password and runs
 *       {@code CREATE DATABASE} and primary-key {@code CREATE TABLE} statements ({@link #execute}).
 *   <li>{@link #faults()} injects failures; {@link #rows}, {@link #transactions()} and {@link
 *       #requests()} let tests look inside.
 * </ul>
 *
 * <p>Not modelled: column expressions and {@code where} in {@code columns}, default values (a
 * column not loaded is NULL), NOT NULL other than keys, {@code strict_mode}, timezones, other
 * formats and compression, partitions, aggregate/unique tables, multi-table transactions (4.0),
 * several concurrent writers of one transaction, real time in answers (the {@code *TimeMs} fields
 * are 0), and a BE that knows only its own transactions (the BEs share one state).
 */
public final class StarRocksTestServer implements AutoCloseable {

    private final String user;
    private final String password;
    private final TestClock clock = new TestClock();
    private final TxnStore store = new TxnStore(clock);
    private final StreamLoadAction streamLoads = new StreamLoadAction(store);
    private final TransactionAction transactions = new TransactionAction(store);
    private final Faults faults = new Faults();
    private final List<LoggedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<HttpServer> servers = new ArrayList<>();
    private final Node frontend;
    private final List<Node> backends = new ArrayList<>();
    private final AtomicInteger nextBackend = new AtomicInteger();
    private MysqlFrontend mysql;

    private StarRocksTestServer(String user, String password, int backendCount) throws IOException {
        this.user = user;
        this.password = password;
        this.frontend = new Node("fe", true, this);
        for (int i = 0; i < backendCount; i++) {
            backends.add(new Node("be" + i, false, this));
        }
        try {
            start(frontend);
            for (Node backend : backends) {
                start(backend);
            }
            mysql = new MysqlFrontend(user, password, this::execute, this::columnNames);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts an FE and {@code backendCount} BEs that accept {@code user}/{@code password}. */
    public static StarRocksTestServer start(String user, String password, int backendCount)
            throws IOException {
        if (backendCount < 1) {
            throw new IllegalArgumentException("A cluster needs a BE");
        }
        return new StarRocksTestServer(user, password, backendCount);
    }

    private void start(Node node) throws IOException {
        HttpServer server =
                ServerBootstrap.bootstrap()
                        .setLocalAddress(InetAddress.getLoopbackAddress())
                        .setCanonicalHostName("127.0.0.1")
                        .setListenerPort(0)
                        .setSocketConfig(
                                SocketConfig.custom().setSoTimeout(60, TimeUnit.SECONDS).build())
                        .setExceptionListener(ExceptionListener.NO_OP)
                        .addFilterFirst("starrocks-expect-continue", node)
                        .register("*", node)
                        .create();
        server.start();
        servers.add(server);
        node.setBaseUrl("http://127.0.0.1:" + server.getLocalPort());
    }

    /** {@code host:port} of the FE's HTTP port, as a {@code load-url} names it. */
    public String feAddress() {
        return frontend.baseUrl().substring("http://".length());
    }

    /**
     * {@code jdbc:mysql://127.0.0.1:port} of the FE's query port (MySQL's protocol, as far as
     * creating tables needs it: {@link MysqlFrontend}), as a {@code jdbc-url} names it.
     */
    public String jdbcUrl() {
        return "jdbc:mysql://127.0.0.1:" + mysql.port();
    }

    /** The statements run over the query port, in order. */
    public List<String> queryPortStatements() {
        return mysql.statements();
    }

    /** {@code http://127.0.0.1:port} of the FE. */
    public String feUrl() {
        return frontend.baseUrl();
    }

    /** {@code http://127.0.0.1:port} of each BE. */
    public List<String> beUrls() {
        return backends.stream().map(Node::baseUrl).toList();
    }

    public TestClock clock() {
        return clock;
    }

    public Faults faults() {
        return faults;
    }

    /**
     * Creates a table. {@code columns} are {@code "name TYPE"} definitions in order, e.g. {@code
     * "id BIGINT"}, {@code "name VARCHAR(20)"}, {@code "price DECIMAL(10, 2)"}.
     */
    public void createTable(
            String db,
            String table,
            List<String> columns,
            List<String> keyColumns,
            TableModel model) {
        Map<String, ColumnType> types = new LinkedHashMap<>();
        for (String definition : columns) {
            String[] parts = definition.trim().split("\\s+", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("Expected 'name TYPE': " + definition);
            }
            types.put(parts[0], ColumnType.parse(parts[1]));
        }
        store.addTable(db, new MemoryTable(table, types, keyColumns, model));
    }

    /**
     * Runs a primary-key table's {@code CREATE TABLE} as StarRocks documents it ({@link TableDdl}:
     * the key's columns first and NOT NULL, a hash distribution over key columns); {@code IF NOT
     * EXISTS} leaves a table that is there.
     */
    public void execute(String createTable) {
        if (createTable.trim().toUpperCase(java.util.Locale.ROOT).startsWith("ALTER")) {
            TableDdl.AddColumn add = TableDdl.parseAddColumn(createTable);
            MemoryTable table = store.table(add.db(), add.table());
            if (table == null) {
                throw new IllegalArgumentException(
                        "Unknown table '" + add.db() + "." + add.table() + "'");
            }
            table.addColumn(add.column(), add.type());
            return;
        }
        TableDdl ddl = TableDdl.parse(createTable);
        if (ddl.ifNotExists() && store.table(ddl.db(), ddl.table()) != null) {
            return;
        }
        store.addTable(
                ddl.db(),
                new MemoryTable(ddl.table(), ddl.columns(), ddl.key(), TableModel.PRIMARY_KEY));
    }

    /** A table's column names in order (information_schema.columns); empty: no such table. */
    public List<String> columnNames(String db, String table) {
        MemoryTable memory = store.table(db, table);
        return memory == null ? List.of() : List.copyOf(memory.columns().keySet());
    }

    /** A table's columns and their types as they were created ({@code VARCHAR(400)}, ...). */
    public Map<String, String> columnTypes(String db, String table) {
        Map<String, String> types = new LinkedHashMap<>();
        store.table(db, table).columns().forEach((name, type) -> types.put(name, type.toString()));
        return types;
    }

    public void createTable(
            String db, String table, List<String> columns, String keyColumn, TableModel model) {
        createTable(db, table, columns, List.of(keyColumn), model);
    }

    /** The visible rows of a table (column name to value as loaded; null is NULL). */
    public List<Map<String, String>> rows(String db, String table) {
        store.sweep();
        MemoryTable t = store.table(db, table);
        if (t == null) {
            throw new IllegalArgumentException("No table " + db + "." + table);
        }
        return t.rows();
    }

    /** What a {@link TableModel#COUNTING} table took: its row count and first-column sum. */
    public Counted counted(String db, String table) {
        store.sweep();
        MemoryTable t = store.table(db, table);
        if (t == null) {
            throw new IllegalArgumentException("No table " + db + "." + table);
        }
        return t.counted();
    }

    /** Every label the server knows, with its state (after letting the clock act). */
    public List<TransactionInfo> transactions() {
        return store.transactions();
    }

    /** Transactions of the transaction interface that are still PREPARE or PREPARED. */
    public List<TransactionInfo> openTransactions() {
        return transactions().stream()
                .filter(t -> !t.streamLoad())
                .filter(t -> t.state() == TxnState.PREPARE || t.state() == TxnState.PREPARED)
                .toList();
    }

    /** The state of a label, as {@code get_load_state} would answer. */
    public TxnState labelState(String db, String label) {
        Txn txn = store.txn(db, label);
        return txn == null ? TxnState.UNKNOWN : txn.state;
    }

    /** Every request received, in order, on every node. */
    public List<LoggedRequest> requests() {
        return List.copyOf(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    @Override
    public void close() {
        for (HttpServer server : servers) {
            server.close(CloseMode.IMMEDIATE);
        }
        servers.clear();
        if (mysql != null) {
            try {
                mysql.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    // ---- for the nodes

    TxnStore store() {
        return store;
    }

    StreamLoadAction streamLoads() {
        return streamLoads;
    }

    TransactionAction transactionAction() {
        return transactions;
    }

    boolean authorized(String credentials) {
        return (user + ":" + password).equals(credentials);
    }

    /** A BE for a load: round robin; for a transaction the same BE for the whole label. */
    Node pickBackend(String label) {
        int index =
                label == null
                        ? Math.floorMod(nextBackend.getAndIncrement(), backends.size())
                        : Math.floorMod(label.hashCode(), backends.size());
        return backends.get(index);
    }

    void log(String node, ClassicHttpRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : request.getHeaders()) {
            String name = header.getName().toLowerCase(Locale.ROOT);
            headers.put(
                    name,
                    name.equals(HttpHeaders.AUTHORIZATION.toLowerCase(Locale.ROOT))
                            ? HttpAnswers.redactedAuthorization(request)
                            : header.getValue());
        }
        requests.add(new LoggedRequest(node, request.getMethod(), Node.path(request), headers));
    }

    @Override
    public String toString() {
        return "StarRocksTestServer{fe="
                + feUrl()
                + ", be="
                + Arrays.toString(beUrls().toArray())
                + "}";
    }
}
