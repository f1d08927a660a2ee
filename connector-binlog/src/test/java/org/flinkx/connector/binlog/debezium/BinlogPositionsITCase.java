package org.flinkx.connector.binlog.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.binlog.client.BinlogConnections;
import org.flinkx.connector.binlog.config.BinlogConfig;
import org.flinkx.connector.binlog.config.ServerFlavor;
import org.flinkx.connector.binlog.source.BinlogSource;
import org.flinkx.connector.jdbc.testutils.MariaDbServer;
import org.junit.jupiter.api.Test;

/** Positions on a real MariaDB server: the file a 'timestamp' start reads from. */
class BinlogPositionsITCase {

    private final MariaDbServer server = MariaDbServer.get();

    private BinlogConfig config() {
        return BinlogSource.builder()
                .serverFlavor(ServerFlavor.MARIADB)
                .hostname("127.0.0.1")
                .port(server.port())
                .username(server.user())
                .password(server.password())
                .tables("cdc\\.none")
                .rowType(
                        (RowType)
                                DataTypes.ROW(DataTypes.FIELD("id", DataTypes.INT()))
                                        .getLogicalType())
                .build()
                .config();
    }

    private String flushAndGetCurrentFile() throws Exception {
        try (Connection c = server.connect("cdc");
                Statement s = c.createStatement()) {
            s.execute("FLUSH BINARY LOGS");
            try (ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Test
    void aTimestampStartReadsFromTheLastFileCreatedBeforeIt() throws Exception {
        server.createDatabase("cdc");
        // binlog event times have whole seconds: the pauses order the files and the start by second
        Thread.sleep(1100);
        String before = flushAndGetCurrentFile();
        Thread.sleep(1100);
        long start = System.currentTimeMillis();
        Thread.sleep(1100);
        String after = flushAndGetCurrentFile();
        BinlogConfig config = config();
        BinlogPositions positions = new BinlogPositions(config, new BinlogConnections(config));
        List<String> files = new ArrayList<>(positions.binlogFiles());
        assertThat(files).contains(before, after);
        assertThat(positions.fileBefore(start)).isEqualTo(before);
        assertThat(positions.fileBefore(0)).isEqualTo(files.get(0));
        assertThat(positions.fileBefore(System.currentTimeMillis() + 60_000))
                .isEqualTo(files.get(files.size() - 1));
    }
}
