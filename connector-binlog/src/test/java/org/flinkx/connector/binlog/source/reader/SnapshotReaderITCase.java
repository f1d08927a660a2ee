package org.flinkx.connector.binlog.source.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.binlog.client.BinlogConnections;
import org.flinkx.connector.binlog.config.BinlogConfig;
import org.flinkx.connector.binlog.config.ServerFlavor;
import org.flinkx.connector.binlog.source.BinlogSource;
import org.flinkx.connector.binlog.source.split.SnapshotChunk;
import org.flinkx.connector.binlog.source.split.SnapshotKeys;
import org.flinkx.connector.binlog.source.split.SnapshotSplit;
import org.flinkx.connector.binlog.source.split.SnapshotSplitState;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.junit.jupiter.api.Test;

/**
 * Snapshot chunks of tables keyed by several columns against a real MariaDB: the whole keys the
 * reader reads (integers, DATE, DATETIME, TIMESTAMP, DECIMAL) ascend in Java's order exactly as the
 * server returns them, the rest of a chunk after a whole key is exactly the rows after it, and a
 * key with a string is handed over in groups of one leading value.
 */
class SnapshotReaderITCase {

    private static BinlogConfig config(MariaDbServer server, String table, RowType type) {
        return BinlogSource.builder()
                .serverFlavor(ServerFlavor.MARIADB)
                .hostname("127.0.0.1")
                .port(server.port())
                .username(server.user())
                .password(server.password())
                .tables("cdc\\." + table)
                .rowType(type)
                .build()
                .config();
    }

    @Test
    void aChunkResumesExactlyAfterTheWholeKeyOfItsLastEmittedRow() throws Exception {
        MariaDbServer server = MariaDbServer.get();
        server.createDatabase("cdc");
        String table = "reader_times_" + System.nanoTime() % 100000;
        try (Connection c = server.connect("cdc");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE "
                            + table
                            + " (tenant INT NOT NULL, day DATE NOT NULL, at DATETIME(6) NOT NULL, "
                            + "ts TIMESTAMP(6) NOT NULL, amount DECIMAL(10,2) NOT NULL, n INT, "
                            + "PRIMARY KEY (tenant, day, at, ts, amount))");
            StringBuilder rows = new StringBuilder();
            int n = 0;
            for (int tenant = 1; tenant <= 3; tenant++) {
                for (String day : List.of("1969-12-31", "2024-02-29")) {
                    for (String at : List.of("1900-01-01 00:00:00", "2024-03-01 23:59:59.999999")) {
                        for (String ts : List.of("1970-01-01 00:00:01", "2038-01-19 03:14:07.5")) {
                            for (String amount : List.of("-12.50", "0.00", "3.10")) {
                                rows.append(rows.length() == 0 ? "" : ",")
                                        .append(
                                                String.format(
                                                        "(%d, '%s', '%s', '%s', %s, %d)",
                                                        tenant, day, at, ts, amount, n++));
                            }
                        }
                    }
                }
            }
            s.execute("SET time_zone = '+00:00'");
            s.execute("INSERT INTO " + table + " VALUES " + rows);
        }
        RowType type =
                (RowType) DataTypes.ROW(DataTypes.FIELD("n", DataTypes.INT())).getLogicalType();
        BinlogConfig config = config(server, table, type);
        List<String> key = List.of("tenant", "day", "at", "ts", "amount");
        SnapshotSplit split = new SnapshotSplit("cdc", table, key, null, null, 0, List.of(), false);
        List<FetchedRecord.SnapshotRow> all = new ArrayList<>();
        SnapshotSplitState state = new SnapshotSplitState(split);
        SnapshotSplit checkpointed = null;
        try (SnapshotReader reader = new SnapshotReader(config, new BinlogConnections(config))) {
            state.started(reader.open(split));
            List<FetchedRecord> batch;
            while (!(batch = reader.next(7)).isEmpty()) {
                for (FetchedRecord record : batch) {
                    FetchedRecord.SnapshotRow row = (FetchedRecord.SnapshotRow) record;
                    all.add(row);
                    state.emitted(row.key());
                    if (all.size() == 40) {
                        checkpointed = state.toSplit(); // inside tenant 2
                    }
                }
            }
        }
        assertThat(all).hasSize(3 * 2 * 2 * 2 * 3);
        for (int i = 1; i < all.size(); i++) {
            assertThat(
                            SnapshotKeys.compare(
                                    (List<?>) all.get(i - 1).key(), (List<?>) all.get(i).key()))
                    .as("Java orders %s before %s", all.get(i - 1).key(), all.get(i).key())
                    .isNegative();
        }
        SnapshotChunk emitted = checkpointed.emitted().get(0);
        assertThat(emitted.through()).isEqualTo(all.get(39).key());
        assertThat(checkpointed.remainingFrom()).isEqualTo(BigInteger.TWO);

        List<Object> rest = new ArrayList<>();
        try (SnapshotReader reader = new SnapshotReader(config, new BinlogConnections(config))) {
            reader.open(checkpointed);
            List<FetchedRecord> batch;
            while (!(batch = reader.next(1000)).isEmpty()) {
                for (FetchedRecord record : batch) {
                    rest.add(((FetchedRecord.SnapshotRow) record).key());
                }
            }
        }
        assertThat(rest)
                .as("the rest: every row after the 40th, in order")
                .isEqualTo(all.subList(40, all.size()).stream().map(r -> r.key()).toList());
        for (int i = 0; i < all.size(); i++) {
            assertThat(SnapshotKeys.compare((List<?>) all.get(i).key(), emitted.through()) <= 0)
                    .as("row %d is in the emitted part", i)
                    .isEqualTo(i < 40);
        }
    }

    @Test
    void aKeyWithAStringIsHandedOverInGroupsOfOneLeadingValue() throws Exception {
        MariaDbServer server = MariaDbServer.get();
        server.createDatabase("cdc");
        String table = "reader_codes_" + System.nanoTime() % 100000;
        try (Connection c = server.connect("cdc");
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE "
                            + table
                            + " (tenant INT NOT NULL, code VARCHAR(8) COLLATE utf8mb4_general_ci NOT NULL, "
                            + "PRIMARY KEY (tenant, code))");
            StringBuilder rows = new StringBuilder();
            for (int tenant = 1; tenant <= 5; tenant++) {
                int count = tenant == 3 ? 50 : 4; // tenant 3: more rows than a batch
                for (int i = 0; i < count; i++) {
                    rows.append(rows.length() == 0 ? "" : ",")
                            .append("(")
                            .append(tenant)
                            .append(", '")
                            .append(i % 2 == 0 ? "a" : "B")
                            .append(i)
                            .append("')");
                }
            }
            s.execute("INSERT INTO " + table + " VALUES " + rows);
        }
        RowType type =
                (RowType)
                        DataTypes.ROW(DataTypes.FIELD("code", DataTypes.STRING())).getLogicalType();
        BinlogConfig config = config(server, table, type);
        SnapshotSplit split =
                new SnapshotSplit(
                        "cdc",
                        table,
                        List.of("tenant", "code"),
                        BigInteger.TWO,
                        null,
                        1,
                        List.of(),
                        true);
        List<FetchedRecord.SnapshotGroup> groups = new ArrayList<>();
        try (SnapshotReader reader = new SnapshotReader(config, new BinlogConnections(config))) {
            reader.open(split);
            List<FetchedRecord> batch;
            while (!(batch = reader.next(10)).isEmpty()) {
                for (FetchedRecord record : batch) {
                    groups.add((FetchedRecord.SnapshotGroup) record);
                }
            }
        }
        assertThat(groups.stream().map(g -> g.leading().intValue()).toList())
                .containsExactly(2, 3, 4, 5);
        assertThat(groups.stream().map(g -> g.rows().size()).toList()).containsExactly(4, 50, 4, 4);
        for (FetchedRecord.SnapshotGroup group : groups) {
            assertThat(group.rows()).allMatch(row -> group.leading().equals(row.key()));
        }
    }
}
