package org.flinkx.connector.jdbc.dialect;

import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.DeserializationFeature;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * StarRocks read through its frontend's MySQL protocol port (the {@code flinkx-starrocks} source
 * and lookup; writes go through Stream Load, not JDBC). It differs from MySQL in what it lacks and
 * in ARRAY columns:
 *
 * <ul>
 *   <li>no session settings of its own: StarRocks' DATETIME has no time zone, and the MariaDB
 *       driver's defaults are all a scan needs (text protocol; StarRocks' prepared statements are
 *       recent);
 *   <li>ARRAY columns arrive as their JSON text ({@code [1,2,null]}, {@code ["a","b"]}, {@code
 *       ["2024-01-31 12:00:00"]}), parsed here into the declared element type;
 *   <li>no upsert statement, bulk path or XA: the JDBC sink is not used for StarRocks.
 * </ul>
 *
 * Not registered for URL discovery: a {@code jdbc:mysql:} URL stays MySQL's unless the StarRocks
 * connector is named.
 */
@PublicEvolving
public class StarRocksDialect extends MySqlDialect {

    private static final long serialVersionUID = 1L;
    // Numbers keep every digit as written (a DECIMAL's scale, a LARGEINT's 39 digits).
    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
                    .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    @Override
    public String name() {
        return "starrocks";
    }

    @Override
    public boolean acceptsUrl(String url) {
        return false;
    }

    @Override
    public Map<String, String> defaultDriverProperties() {
        return Map.of();
    }

    @Override
    public Optional<String> upsertStatement(
            String table, List<String> columns, List<String> keys, int rows) {
        return Optional.empty();
    }

    @Override
    public Optional<String> replaceStatement(
            String table, List<String> columns, List<String> keys, int rows) {
        return Optional.empty();
    }

    @Override
    public Optional<org.flinkx.connector.jdbc.bulk.BulkInserter> bulkInserter(
            String table,
            List<String> columns,
            org.apache.flink.table.types.logical.RowType rowType) {
        return Optional.empty();
    }

    @Override
    public int multiRowStatementRows(int columns) {
        return 0;
    }

    @Override
    public javax.sql.XADataSource createXaDataSource(String url, java.util.Properties properties)
            throws SQLException {
        throw new SQLException("StarRocks has no XA; flinkx-starrocks writes through Stream Load.");
    }

    @Override
    public boolean xaPrepareBindsConnection() {
        return false;
    }

    @Override
    public String xaPrerequisites() {
        return "";
    }

    @Override
    public boolean supportsArrays() {
        return true;
    }

    @Override
    public Object[] readArray(ResultSet rs, int index, LogicalType elementType)
            throws SQLException {
        String text = rs.getString(index);
        return text == null ? null : parseArray(text, elementType);
    }

    /**
     * The elements of StarRocks' text of an array, as the JDBC objects of the element type.
     *
     * @throws SQLException naming the text when it is no JSON array of such values
     */
    public static Object[] parseArray(String text, LogicalType elementType) throws SQLException {
        JsonNode array;
        try {
            array = JSON.readTree(text);
        } catch (IOException e) {
            throw new SQLException("Not a StarRocks array: " + abbreviate(text), e);
        }
        if (array == null || !array.isArray()) {
            throw new SQLException("Not a StarRocks array: " + abbreviate(text));
        }
        Object[] values = new Object[array.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode element = array.get(i);
            try {
                values[i] = element.isNull() ? null : element(element, elementType);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new SQLException(
                        String.format(
                                "Element %d of the array %s is no %s: %s",
                                i, abbreviate(text), elementType.asSummaryString(), e.getMessage()),
                        e);
            }
        }
        return values;
    }

    private static Object element(JsonNode node, LogicalType type) {
        if (node.isContainerNode()) {
            throw new IllegalArgumentException("nested arrays, maps and structs are not supported");
        }
        String text = node.asText();
        return switch (type.getTypeRoot()) {
            case BOOLEAN -> node.isBoolean() ? node.booleanValue() : !text.equals("0");
            case TINYINT, SMALLINT, INTEGER, BIGINT -> new BigDecimal(text).longValueExact();
            case FLOAT, DOUBLE -> Double.parseDouble(text);
            case DECIMAL -> new BigDecimal(text);
            case DATE -> Date.valueOf(text);
            case TIMESTAMP_WITHOUT_TIME_ZONE, TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
                    Timestamp.valueOf(text);
            case CHAR, VARCHAR -> text;
            default ->
                    throw new IllegalArgumentException(
                            "StarRocks arrays of " + type.asSummaryString() + " are not read");
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }
}
