package org.flinkx.launcher.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.flinkx.connector.common.security.Secrets;

/**
 * A table of the translated job: its columns, primary key, partition columns and connector options,
 * rendered as a Flink SQL {@code CREATE TABLE}.
 */
final class TableDef {

    /**
     * A column. {@code constant} is a reader column with a fixed value (the original FlinkX's
     * {@code value}): it is not read from the source but selected as a literal.
     */
    record Column(String name, String type, String constant) {

        static Column of(String name, String type) {
            return new Column(name, type, null);
        }

        boolean isConstant() {
            return constant != null;
        }
    }

    final String name;
    final List<Column> columns = new ArrayList<>();
    final List<String> primaryKey = new ArrayList<>();
    final List<String> partitionedBy = new ArrayList<>();
    final Map<String, String> options = new LinkedHashMap<>();

    /**
     * Columns read from the connector's metadata rather than from the data ({@code _id} of a
     * document): the column's name to the metadata key, rendered {@code METADATA FROM 'key'
     * VIRTUAL}.
     */
    final Map<String, String> metadata = new LinkedHashMap<>();

    /**
     * The columns the job reads, in the job's order, when not {@link #columns} (skipped text
     * fields).
     */
    List<Column> selected;

    TableDef(String name, String connector) {
        this.name = name;
        options.put("connector", connector);
    }

    /** The columns read from the connector (not the constants). */
    List<Column> stored() {
        return columns.stream().filter(column -> !column.isConstant()).toList();
    }

    /** The columns the job reads or writes, in the job's order. */
    List<Column> selected() {
        return selected != null ? selected : columns;
    }

    /** {@code CREATE TABLE}; with {@code masked}, passwords read {@code ******}. */
    String createTable(boolean masked) {
        StringBuilder sql =
                new StringBuilder("CREATE TABLE ").append(Sql.identifier(name)).append(" (\n");
        List<String> lines = new ArrayList<>();
        for (Column column : stored()) {
            String key = metadata.get(column.name());
            lines.add(
                    "  "
                            + Sql.identifier(column.name())
                            + " "
                            + column.type()
                            + (key == null
                                    ? ""
                                    : " METADATA FROM " + Sql.literal(key) + " VIRTUAL"));
        }
        if (!primaryKey.isEmpty()) {
            lines.add(
                    "  PRIMARY KEY ("
                            + primaryKey.stream()
                                    .map(Sql::identifier)
                                    .collect(Collectors.joining(", "))
                            + ") NOT ENFORCED");
        }
        sql.append(String.join(",\n", lines)).append("\n)");
        if (!partitionedBy.isEmpty()) {
            sql.append(" PARTITIONED BY (")
                    .append(
                            partitionedBy.stream()
                                    .map(Sql::identifier)
                                    .collect(Collectors.joining(", ")))
                    .append(")");
        }
        sql.append(" WITH (\n");
        sql.append(
                options.entrySet().stream()
                        .map(
                                option ->
                                        "  "
                                                + Sql.literal(option.getKey())
                                                + " = "
                                                + literal(
                                                        option.getKey(), option.getValue(), masked))
                        .collect(Collectors.joining(",\n")));
        return sql.append("\n);").toString();
    }

    /**
     * An option's value as a literal; with {@code masked}, a secret option's value is {@code
     * ******}, and secrets inside other values ({@code password=...} in a JDBC URL or in Kafka's
     * {@code sasl.jaas.config}) are masked.
     */
    private static String literal(String key, String value, boolean masked) {
        if (!masked) {
            return Sql.literal(value);
        }
        return Sql.literal(Secrets.isSecretKey(key) ? Secrets.MASK : Secrets.maskUrl(value));
    }
}
