package org.flinkx.connector.binlog.source.reader;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.flinkx.connector.binlog.client.BinlogConnections;
import org.flinkx.connector.binlog.client.SnapshotSql;
import org.flinkx.connector.binlog.config.BinlogConfig;

/**
 * Whether a row exists at the source now, by its primary key: asked for a delete that a catch-up
 * chunk read after it seems to hold, in a table the stream had emitted before. A chunk holds the
 * rows that exist when it is read, so a row deleted before that is in no chunk; the target still
 * has it (from the stream before the catch-up read the table again). The delete is emitted when the
 * row does not exist now: if it existed when the chunk was read, a later delete (also streamed)
 * removes it anyway. When the row exists now, the chunk or a later insert has it, and the delete is
 * left out. Only such deletes inside a catch-up's window are looked up, one query each.
 */
final class SourceRowLookup implements AutoCloseable {

    private final BinlogConnections connections;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private Connection connection;

    SourceRowLookup(BinlogConfig config) {
        this.connections = new BinlogConnections(config);
    }

    boolean exists(String database, String table, Struct key) throws SQLException {
        List<Field> fields = key.schema().fields();
        PreparedStatement query = statements.get(database + "." + table);
        if (query == null) {
            query = prepare(database, table, fields);
            statements.put(database + "." + table, query);
        }
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            Object value = ChangeKeys.canonical(field.schema(), key.get(field));
            if (value instanceof Instant instant) {
                query.setBigDecimal(
                        i + 1, BigDecimal.valueOf(instant.getEpochSecond(), 0).add(nanos(instant)));
            } else if (value instanceof ByteBuffer buffer) {
                byte[] bytes = new byte[buffer.remaining()];
                buffer.duplicate().get(bytes);
                query.setBytes(i + 1, bytes);
            } else if (value instanceof Number number
                    && "io.debezium.time.MicroTime".equals(field.schema().name())) {
                query.setBigDecimal(i + 1, BigDecimal.valueOf(number.longValue(), 6));
            } else {
                query.setObject(i + 1, value);
            }
        }
        try (ResultSet rows = query.executeQuery()) {
            return rows.next();
        }
    }

    private static BigDecimal nanos(Instant instant) {
        return BigDecimal.valueOf(instant.getNano(), 9);
    }

    private PreparedStatement prepare(String database, String table, List<Field> fields)
            throws SQLException {
        if (connection == null) {
            connection = connections.connect();
        }
        List<String> conditions = new ArrayList<>();
        for (Field field : fields) {
            String name = field.schema().name();
            String parameter =
                    "io.debezium.time.ZonedTimestamp".equals(name)
                            ? "FROM_UNIXTIME(?)"
                            : "io.debezium.time.MicroTime".equals(name) ? "SEC_TO_TIME(?)" : "?";
            conditions.add(SnapshotSql.quote(field.name()) + " = " + parameter);
        }
        return connection.prepareStatement(
                "SELECT 1 FROM "
                        + SnapshotSql.quote(database, table)
                        + " WHERE "
                        + String.join(" AND ", conditions));
    }

    @Override
    public void close() throws SQLException {
        statements.clear();
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
