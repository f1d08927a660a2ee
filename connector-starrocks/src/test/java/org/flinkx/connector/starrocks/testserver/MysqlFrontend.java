package org.flinkx.connector.starrocks.testserver;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The FE's query port (StarRocks speaks MySQL's client/server protocol there) as far as a client
 * creating tables needs it: the v10 handshake with {@code mysql_native_password} (the password is
 * checked), {@code COM_QUERY} for {@code CREATE DATABASE}, {@code CREATE TABLE} and {@code ALTER
 * TABLE ... ADD COLUMN} (run by the test server's DDL parser, whose refusals come back as MySQL
 * errors), a table's column names from {@code information_schema.columns}, {@code SET} and {@code
 * SELECT @@variable} (the drivers' session set-up), {@code COM_PING}, {@code COM_INIT_DB} and
 * {@code COM_QUIT}. Anything else is answered with error 1064, naming the statement. Packets as
 * MySQL's documentation describes them (protocol 4.1, EOF packets, no TLS offered).
 */
final class MysqlFrontend implements AutoCloseable {

    private static final int CLIENT_CONNECT_WITH_DB = 0x8;
    private static final int CLIENT_PROTOCOL_41 = 0x200;
    private static final int CLIENT_SECURE_CONNECTION = 0x8000;
    private static final int CLIENT_PLUGIN_AUTH = 0x80000;
    private static final int CLIENT_PLUGIN_AUTH_LENENC_DATA = 0x200000;
    private static final int CAPABILITIES =
            0x1 // long password
                    | 0x2 // found rows
                    | 0x4 // long flag
                    | CLIENT_CONNECT_WITH_DB
                    | CLIENT_PROTOCOL_41
                    | 0x2000 // transactions
                    | CLIENT_SECURE_CONNECTION
                    | CLIENT_PLUGIN_AUTH;
    private static final int STATUS_AUTOCOMMIT = 0x2;
    private static final int UTF8_GENERAL_CI = 33;
    private static final String NATIVE_PASSWORD = "mysql_native_password";
    private static final Pattern CREATE_DATABASE =
            Pattern.compile(
                    "CREATE\\s+DATABASE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?`?([^`\\s]+)`?\\s*",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern COLUMN_NAMES =
            Pattern.compile(
                    "SELECT\\s+COLUMN_NAME\\s+FROM\\s+information_schema\\.columns\\s+WHERE\\s+"
                            + "TABLE_SCHEMA\\s*=\\s*'((?:[^']|'')*)'\\s+AND\\s+"
                            + "TABLE_NAME\\s*=\\s*'((?:[^']|'')*)'\\s*",
                    Pattern.CASE_INSENSITIVE);
    private static final Pattern LEADING_COMMENT = Pattern.compile("^(\\s*/\\*.*?\\*/)+\\s*");
    // what the MariaDB driver and MySQL's Connector/J read when they connect
    private static final Map<String, String> VARIABLES =
            Map.ofEntries(
                    Map.entry("auto_increment_increment", "1"),
                    Map.entry("character_set_client", "utf8mb4"),
                    Map.entry("character_set_connection", "utf8mb4"),
                    Map.entry("character_set_results", "utf8mb4"),
                    Map.entry("character_set_server", "utf8mb4"),
                    Map.entry("collation_server", "utf8mb4_general_ci"),
                    Map.entry("collation_connection", "utf8mb4_general_ci"),
                    Map.entry("init_connect", ""),
                    Map.entry("interactive_timeout", "3600"),
                    Map.entry("language", "/starrocks/share/english/"),
                    Map.entry("license", "Apache License 2.0"),
                    Map.entry("lower_case_table_names", "0"),
                    Map.entry("max_allowed_packet", "33554432"),
                    Map.entry("net_write_timeout", "60"),
                    Map.entry("performance_schema", "0"),
                    Map.entry("query_cache_size", "1048576"),
                    Map.entry("query_cache_type", "0"),
                    Map.entry("sql_mode", "ONLY_FULL_GROUP_BY"),
                    Map.entry("system_time_zone", "Asia/Shanghai"),
                    Map.entry("time_zone", "Asia/Shanghai"),
                    Map.entry("tx_isolation", "REPEATABLE-READ"),
                    Map.entry("transaction_isolation", "REPEATABLE-READ"),
                    Map.entry("wait_timeout", "28800"),
                    Map.entry("version_comment", "StarRocks test server"));

    private final String user;
    private final String password;
    private final Consumer<String> createTable;
    private final java.util.function.BiFunction<String, String, List<String>> columnNames;
    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> statements = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final SecureRandom random = new SecureRandom();

    MysqlFrontend(
            String user,
            String password,
            Consumer<String> createTable,
            java.util.function.BiFunction<String, String, List<String>> columnNames)
            throws IOException {
        this.user = user;
        this.password = password;
        this.createTable = createTable;
        this.columnNames = columnNames;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "starrocks-test-fe-mysql");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The statements the clients ran, in order. */
    List<String> statements() {
        return List.copyOf(statements);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread session = new Thread(() -> serve(client), "starrocks-test-fe-mysql-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client;
                InputStream in = client.getInputStream();
                OutputStream out = client.getOutputStream()) {
            Session session = new Session(in, out);
            if (session.handshake()) {
                session.commands();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** One client connection: its packets and their sequence ids. */
    private final class Session {

        private final InputStream in;
        private final OutputStream out;
        private int sequence;

        Session(InputStream in, OutputStream out) {
            this.in = in;
            this.out = out;
        }

        boolean handshake() throws IOException {
            byte[] scramble = scramble();
            Packet greeting = new Packet();
            greeting.int1(10);
            greeting.nulString("5.1.0"); // what StarRocks' FE reports by default
            greeting.int4(connections.incrementAndGet());
            greeting.bytes(Arrays.copyOf(scramble, 8));
            greeting.int1(0);
            greeting.int2(CAPABILITIES & 0xffff);
            greeting.int1(UTF8_GENERAL_CI);
            greeting.int2(STATUS_AUTOCOMMIT);
            greeting.int2(CAPABILITIES >>> 16);
            greeting.int1(scramble.length + 1);
            greeting.bytes(new byte[10]);
            greeting.bytes(Arrays.copyOfRange(scramble, 8, scramble.length));
            greeting.int1(0);
            greeting.nulString(NATIVE_PASSWORD);
            sequence = 0;
            send(greeting);

            Reader response = new Reader(receive());
            int capabilities = response.int4();
            response.skip(4 + 1 + 23); // max packet size, character set, filler
            String name = response.nulString();
            byte[] token;
            if ((capabilities & CLIENT_PLUGIN_AUTH_LENENC_DATA) != 0) {
                token = response.bytes((int) response.lenenc());
            } else if ((capabilities & CLIENT_SECURE_CONNECTION) != 0) {
                token = response.bytes(response.int1());
            } else {
                token = response.nulBytes();
            }
            if ((capabilities & CLIENT_CONNECT_WITH_DB) != 0 && response.remaining() > 0) {
                response.nulString();
            }
            String plugin =
                    (capabilities & CLIENT_PLUGIN_AUTH) != 0 && response.remaining() > 0
                            ? response.nulString()
                            : NATIVE_PASSWORD;
            if (!NATIVE_PASSWORD.equals(plugin)) {
                // ask for the plugin this server knows, with the same scramble
                Packet authSwitch = new Packet();
                authSwitch.int1(0xfe);
                authSwitch.nulString(NATIVE_PASSWORD);
                authSwitch.bytes(scramble);
                authSwitch.int1(0);
                send(authSwitch);
                token = receive();
            }
            if (!user.equals(name) || !Arrays.equals(token, nativePassword(scramble))) {
                error(
                        1045,
                        "28000",
                        "Access denied for user '"
                                + name
                                + "' (using password: "
                                + (token.length > 0 ? "YES" : "NO")
                                + ")");
                return false;
            }
            ok();
            return true;
        }

        void commands() throws IOException {
            while (true) {
                byte[] packet;
                try {
                    sequence = 0;
                    packet = receive();
                } catch (EOFException e) {
                    return;
                }
                int command = packet[0] & 0xff;
                switch (command) {
                    case 0x01: // COM_QUIT
                        return;
                    case 0x02: // COM_INIT_DB
                    case 0x0e: // COM_PING
                        ok();
                        break;
                    case 0x03: // COM_QUERY
                        query(
                                new String(packet, 1, packet.length - 1, StandardCharsets.UTF_8)
                                        .trim());
                        break;
                    default:
                        error(1047, "08S01", "Unknown command " + command);
                }
            }
        }

        private void query(String text) throws IOException {
            String sql = LEADING_COMMENT.matcher(text).replaceFirst("");
            statements.add(sql);
            String upper = sql.toUpperCase(Locale.ROOT);
            Matcher columns = COLUMN_NAMES.matcher(sql);
            try {
                if (upper.startsWith("SET ")) {
                    ok();
                } else if (upper.matches("SELECT\\s+@@.*")) {
                    variables(sql.substring("SELECT".length()));
                } else if (CREATE_DATABASE.matcher(sql).matches()) {
                    ok();
                } else if (upper.startsWith("CREATE TABLE") || upper.startsWith("ALTER TABLE")) {
                    createTable.accept(sql);
                    ok();
                } else if (columns.matches()) {
                    columnNames(columns);
                } else {
                    error(
                            1064,
                            "42000",
                            "The StarRocks test server does not run this statement: " + sql);
                }
            } catch (RuntimeException e) {
                error(1064, "42000", e.getMessage());
            }
        }

        /** A table's column names, one row each, as information_schema.columns answers. */
        private void columnNames(Matcher m) throws IOException {
            List<List<String>> rows = new ArrayList<>();
            for (String column :
                    columnNames.apply(
                            m.group(1).replace("''", "'"), m.group(2).replace("''", "'"))) {
                rows.add(List.of(column));
            }
            resultSet(List.of("COLUMN_NAME"), rows);
        }

        /** {@code SELECT @@a, @@session.b AS c}: one row of the variables' values. */
        private void variables(String list) throws IOException {
            List<String> names = new ArrayList<>();
            List<String> values = new ArrayList<>();
            for (String item : list.split(",")) {
                Matcher m =
                        Pattern.compile(
                                        "\\s*@@(?:session\\.|global\\.)?(\\w+)(?:\\s+AS\\s+(\\S+))?\\s*",
                                        Pattern.CASE_INSENSITIVE)
                                .matcher(item);
                if (!m.matches()) {
                    error(1064, "42000", "Not a variable: " + item);
                    return;
                }
                names.add(m.group(2) != null ? m.group(2) : item.trim());
                values.add(VARIABLES.get(m.group(1).toLowerCase(Locale.ROOT)));
            }
            resultSet(names, List.of(values));
        }

        /** A text result set: the columns' definitions (strings), the rows, EOF packets. */
        private void resultSet(List<String> names, List<List<String>> rows) throws IOException {
            Packet count = new Packet();
            count.lenenc(names.size());
            send(count);
            for (String name : names) {
                Packet column = new Packet();
                column.lenencString("def");
                column.lenencString("");
                column.lenencString("");
                column.lenencString("");
                column.lenencString(name);
                column.lenencString(name);
                column.int1(0x0c);
                column.int2(UTF8_GENERAL_CI);
                column.int4(1024);
                column.int1(0xfd); // VAR_STRING
                column.int2(0);
                column.int1(0);
                column.int2(0);
                send(column);
            }
            eof();
            for (List<String> values : rows) {
                Packet row = new Packet();
                for (String value : values) {
                    if (value == null) {
                        row.int1(0xfb);
                    } else {
                        row.lenencString(value);
                    }
                }
                send(row);
            }
            eof();
        }

        private void ok() throws IOException {
            Packet ok = new Packet();
            ok.int1(0);
            ok.lenenc(0);
            ok.lenenc(0);
            ok.int2(STATUS_AUTOCOMMIT);
            ok.int2(0);
            send(ok);
        }

        private void eof() throws IOException {
            Packet eof = new Packet();
            eof.int1(0xfe);
            eof.int2(0);
            eof.int2(STATUS_AUTOCOMMIT);
            send(eof);
        }

        private void error(int code, String state, String message) throws IOException {
            Packet error = new Packet();
            error.int1(0xff);
            error.int2(code);
            error.bytes(("#" + state).getBytes(StandardCharsets.US_ASCII));
            error.bytes(message.getBytes(StandardCharsets.UTF_8));
            send(error);
        }

        private void send(Packet packet) throws IOException {
            byte[] payload = packet.toByteArray();
            out.write(payload.length & 0xff);
            out.write((payload.length >>> 8) & 0xff);
            out.write((payload.length >>> 16) & 0xff);
            out.write(sequence++ & 0xff);
            out.write(payload);
            out.flush();
        }

        private byte[] receive() throws IOException {
            byte[] header = in.readNBytes(4);
            if (header.length < 4) {
                throw new EOFException();
            }
            int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
            sequence = (header[3] & 0xff) + 1;
            byte[] payload = in.readNBytes(length);
            if (payload.length < length) {
                throw new EOFException();
            }
            return payload;
        }
    }

    /** 20 printable bytes, none of them 0. */
    private byte[] scramble() {
        byte[] scramble = new byte[20];
        for (int i = 0; i < scramble.length; i++) {
            scramble[i] = (byte) (33 + random.nextInt(94));
        }
        return scramble;
    }

    /** SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password))); empty for no password. */
    private byte[] nativePassword(byte[] scramble) {
        if (password.isEmpty()) {
            return new byte[0];
        }
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] stage1 = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
            byte[] stage2 = sha1.digest(stage1);
            sha1.update(scramble);
            byte[] mask = sha1.digest(stage2);
            for (int i = 0; i < stage1.length; i++) {
                stage1[i] ^= mask[i];
            }
            return stage1;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A packet's payload being written, in MySQL's little-endian encodings. */
    private static final class Packet extends ByteArrayOutputStream {

        void int1(int v) {
            write(v & 0xff);
        }

        void int2(int v) {
            int1(v);
            int1(v >>> 8);
        }

        void int4(int v) {
            int2(v);
            int2(v >>> 16);
        }

        void bytes(byte[] b) {
            write(b, 0, b.length);
        }

        void nulString(String s) {
            bytes(s.getBytes(StandardCharsets.UTF_8));
            int1(0);
        }

        void lenenc(long v) {
            if (v < 251) {
                int1((int) v);
            } else if (v < 0x10000) {
                int1(0xfc);
                int2((int) v);
            } else {
                int1(0xfd);
                int2((int) v);
                int1((int) (v >>> 16));
            }
        }

        void lenencString(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            lenenc(b.length);
            bytes(b);
        }
    }

    /** A received payload being read. */
    private static final class Reader {

        private final byte[] data;
        private int at;

        Reader(byte[] data) {
            this.data = data;
        }

        int remaining() {
            return data.length - at;
        }

        int int1() {
            return data[at++] & 0xff;
        }

        int int4() {
            return int1() | int1() << 8 | int1() << 16 | int1() << 24;
        }

        void skip(int n) {
            at += n;
        }

        byte[] bytes(int n) {
            byte[] b = Arrays.copyOfRange(data, at, at + n);
            at += n;
            return b;
        }

        byte[] nulBytes() {
            int end = at;
            while (end < data.length && data[end] != 0) {
                end++;
            }
            byte[] b = Arrays.copyOfRange(data, at, end);
            at = Math.min(data.length, end + 1);
            return b;
        }

        String nulString() {
            return new String(nulBytes(), StandardCharsets.UTF_8);
        }

        long lenenc() {
            int first = int1();
            if (first < 251) {
                return first;
            }
            if (first == 0xfc) {
                return int1() | int1() << 8;
            }
            if (first == 0xfd) {
                return int1() | int1() << 8 | int1() << 16;
            }
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v |= (long) int1() << (8 * i);
            }
            return v;
        }
    }
}
