package org.flinkx.sync.ddl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.ObjectPath;
import org.flinkx.connector.common.security.Secrets;
import org.flinkx.connector.jdbc.catalog.DatabaseColumn;
import org.flinkx.connector.jdbc.config.JdbcConnectionConfig;
import org.flinkx.connector.jdbc.dialect.StarRocksDialect;
import org.flinkx.connector.jdbc.internal.JdbcConnections;
import org.flinkx.connector.starrocks.ddl.StarRocksCreateTable;
import org.flinkx.sync.definition.SyncDefinition;
import org.flinkx.sync.plan.TargetTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * StarRocks primary-key tables ({@link StarRocksCreateTable}) generated from MySQL or MariaDB
 * sources; created over the FE's MySQL port, the sink's {@code jdbc-url}, as the sink's {@code
 * username}; an existing table gets the columns it lacks ({@code ALTER TABLE ... ADD COLUMN}).
 */
@Internal
final class StarRocksTargetTables implements TargetTables {

    private static final Logger LOG = LoggerFactory.getLogger(StarRocksTargetTables.class);

    private final SyncDefinition.Sink sink;

    StarRocksTargetTables(SyncDefinition definition) {
        String source = definition.source().type();
        if (!source.equals("flinkx-mysql")
                && !source.equals("flinkx-mariadb")
                && !source.equals("flinkx-binlog")) {
            throw new ValidationException(
                    "StarRocks target tables are generated from MySQL or MariaDB sources ("
                            + "'source.type' flinkx-mysql, flinkx-mariadb or flinkx-binlog), not "
                            + source
                            + ".");
        }
        this.sink = definition.sink();
    }

    @Override
    public String statement(TargetTable table) {
        return StarRocksCreateTable.of(
                String.join(", ", table.sources().stream().map(ObjectPath::getFullName).toList()),
                table.path().getDatabaseName(),
                table.path().getObjectName(),
                table.columns(),
                table.primaryKey(),
                sink.starrocks().buckets(),
                sink.starrocks().properties());
    }

    @Override
    public boolean create(TargetTable table) {
        String url = option(table.options(), "jdbc-url");
        JdbcConnectionConfig config =
                new JdbcConnectionConfig(
                        url,
                        option(table.options(), "username"),
                        table.options().getOrDefault("password", ""),
                        null,
                        Map.of());
        String database = table.path().getDatabaseName();
        List<String> statements =
                List.of(
                        "CREATE DATABASE IF NOT EXISTS `" + database.replace("`", "``") + "`",
                        statement(table));
        try (Connection c = JdbcConnections.open(config, new StarRocksDialect());
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
            addMissingColumns(c, table);
            // IF NOT EXISTS does not say whether it created; the statement runs either way
            return true;
        } catch (SQLException e) {
            throw new ValidationException(
                    String.format(
                            "Could not create the StarRocks table '%s' over %s: %s",
                            table.path().getFullName(),
                            Secrets.maskUrl(url),
                            JdbcConnectionConfig.maskSecrets(e.getMessage())),
                    e);
        }
    }

    /**
     * Adds to an existing table the columns the sync writes that it lacks ({@code ALTER TABLE ...
     * ADD COLUMN}, nullable): a column added at the source reaches the target.
     */
    private static void addMissingColumns(Connection c, TargetTable table) throws SQLException {
        Set<String> existing = new HashSet<>();
        try (PreparedStatement columns =
                c.prepareStatement(
                        "SELECT COLUMN_NAME FROM information_schema.columns "
                                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            columns.setString(1, table.path().getDatabaseName());
            columns.setString(2, table.path().getObjectName());
            try (ResultSet rows = columns.executeQuery()) {
                while (rows.next()) {
                    existing.add(rows.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        String source =
                String.join(", ", table.sources().stream().map(ObjectPath::getFullName).toList());
        try (Statement s = c.createStatement()) {
            for (DatabaseColumn column : table.columns()) {
                if (!existing.contains(column.name().toLowerCase(Locale.ROOT))) {
                    String alter =
                            StarRocksCreateTable.addColumn(
                                    source,
                                    table.path().getDatabaseName(),
                                    table.path().getObjectName(),
                                    column);
                    LOG.info("Adding a column to {}: {}", table.path().getFullName(), alter);
                    s.execute(alter);
                }
            }
        }
    }

    private static String option(Map<String, String> options, String key) {
        @Nullable String value = options.get(key);
        if (value == null) {
            throw new ValidationException(
                    "Creating StarRocks tables needs the sink option '" + key + "'.");
        }
        return value;
    }

    @Override
    public void close() {}
}
