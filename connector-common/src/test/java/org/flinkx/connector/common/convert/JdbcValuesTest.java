package org.flinkx.connector.common.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JDBC values ↔ internal values through a real driver (H2 in memory). */
class JdbcValuesTest {

    private static final String COLUMNS =
            "b BOOLEAN, t TINYINT, s SMALLINT, i INT, l BIGINT, f REAL, d DOUBLE, m DECIMAL(10, 2), "
                    + "c CHAR(3), v VARCHAR(20), bin VARBINARY(8), dt DATE, tm TIME(3), "
                    + "ts TIMESTAMP(6), ltz TIMESTAMP(3) WITH TIME ZONE";
    private static final List<DataType> TYPES =
            List.of(
                    DataTypes.BOOLEAN(),
                    DataTypes.TINYINT(),
                    DataTypes.SMALLINT(),
                    DataTypes.INT(),
                    DataTypes.BIGINT(),
                    DataTypes.FLOAT(),
                    DataTypes.DOUBLE(),
                    DataTypes.DECIMAL(10, 2),
                    DataTypes.CHAR(3),
                    DataTypes.STRING(),
                    DataTypes.BYTES(),
                    DataTypes.DATE(),
                    DataTypes.TIME(3),
                    DataTypes.TIMESTAMP(6),
                    DataTypes.TIMESTAMP_LTZ(3));
    private static final LocalDateTime WALL =
            LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_000);
    private static final Instant INSTANT = Instant.parse("2024-01-01T00:00:00.001Z");

    /** H2 reads TIMESTAMP WITH TIME ZONE as an OffsetDateTime. */
    private static final JdbcValueHooks H2 =
            new JdbcValueHooks() {
                private static final long serialVersionUID = 1L;

                @Override
                public Instant readInstant(ResultSet rs, int column) throws SQLException {
                    java.time.OffsetDateTime t =
                            rs.getObject(column, java.time.OffsetDateTime.class);
                    return t == null ? null : t.toInstant();
                }

                @Override
                public void setInstant(PreparedStatement statement, int index, Instant value)
                        throws SQLException {
                    statement.setObject(index, value.atOffset(ZoneOffset.UTC));
                }
            };

    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:h2:mem:values_" + System.nanoTime());
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE v (" + COLUMNS + ")");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    private static List<LogicalType> logicalTypes() {
        return TYPES.stream().map(DataType::getLogicalType).toList();
    }

    private Object[] readBack(JdbcValueHooks hooks) throws SQLException {
        List<LogicalType> types = logicalTypes();
        Object[] values = new Object[types.size()];
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM v")) {
            assertThat(rs.next()).isTrue();
            for (int i = 0; i < values.length; i++) {
                values[i] = JdbcValues.reader(types.get(i), hooks).read(rs, i + 1);
            }
        }
        return values;
    }

    private void write(GenericRowData row, JdbcValueHooks hooks) throws SQLException {
        List<LogicalType> types = logicalTypes();
        String marks = String.join(", ", java.util.Collections.nCopies(types.size(), "?"));
        try (PreparedStatement ps =
                connection.prepareStatement("INSERT INTO v VALUES (" + marks + ")")) {
            for (int i = 0; i < types.size(); i++) {
                JdbcValues.writer(types.get(i), hooks).write(ps, i + 1, row, i);
            }
            ps.executeUpdate();
        }
    }

    private static GenericRowData row() {
        return GenericRowData.of(
                true,
                (byte) -8,
                (short) -7,
                42,
                9007199254740993L,
                1.5f,
                -0.25d,
                DecimalData.fromBigDecimal(new BigDecimal("-12345678.90"), 10, 2),
                StringData.fromString("abc"),
                StringData.fromString("中文 ✓"),
                new byte[] {0, -1, 16},
                (int) LocalDate.of(2024, 2, 29).toEpochDay(),
                (int) (LocalTime.of(23, 59, 58, 123_000_000).toNanoOfDay() / 1_000_000),
                TimestampData.fromLocalDateTime(WALL),
                TimestampData.fromInstant(INSTANT));
    }

    @Test
    void everyScalarTypeRoundTripsThroughAStatementAndAResultSet() throws SQLException {
        GenericRowData row = row();
        write(row, H2);
        Object[] read = readBack(H2);
        for (int i = 0; i < read.length; i++) {
            Object expected = row.getField(i);
            if (expected instanceof byte[] bytes) {
                assertThat((byte[]) read[i]).as(TYPES.get(i).toString()).isEqualTo(bytes);
            } else {
                assertThat(read[i]).as(TYPES.get(i).toString()).isEqualTo(expected);
            }
        }
    }

    @Test
    void nullsAreWrittenAsTheColumnsSqlTypeAndReadAsNull() throws SQLException {
        GenericRowData nulls = new GenericRowData(TYPES.size());
        List<Integer> nullTypes = new ArrayList<>();
        JdbcValueHooks recording =
                new JdbcValueHooks() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    public int nullType(int sqlType) {
                        nullTypes.add(sqlType);
                        return sqlType;
                    }
                };
        write(nulls, recording);
        assertThat(nullTypes)
                .containsExactly(
                        Types.BOOLEAN,
                        Types.TINYINT,
                        Types.SMALLINT,
                        Types.INTEGER,
                        Types.BIGINT,
                        Types.REAL,
                        Types.DOUBLE,
                        Types.DECIMAL,
                        Types.VARCHAR,
                        Types.VARCHAR,
                        Types.VARBINARY,
                        Types.DATE,
                        Types.TIME,
                        Types.TIMESTAMP,
                        Types.TIMESTAMP_WITH_TIMEZONE);
        assertThat(readBack(H2)).containsOnlyNulls();
    }

    @Test
    void integersAreRangeCheckedByTheDriverUnlessTheHooksNarrowThem() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("INSERT INTO v (i) VALUES (300)");
        }
        LogicalType tinyint = DataTypes.TINYINT().getLogicalType();
        JdbcValueHooks narrowing =
                new JdbcValueHooks() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    public boolean narrowsIntegers() {
                        return true;
                    }
                };
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT i FROM v")) {
            rs.next();
            assertThatThrownBy(
                            () -> JdbcValues.reader(tinyint, JdbcValueHooks.STANDARD).read(rs, 1))
                    .isInstanceOf(SQLException.class);
            assertThat(JdbcValues.reader(tinyint, narrowing).read(rs, 1)).isEqualTo((byte) 44);
        }
    }

    @Test
    void aDecimalThatDoesNotFitFailsAsOutOfRange() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("INSERT INTO v (m) VALUES (12345678.91)");
        }
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT m FROM v")) {
            rs.next();
            assertThatThrownBy(
                            () ->
                                    JdbcValues.reader(
                                                    DataTypes.DECIMAL(5, 2).getLogicalType(),
                                                    JdbcValueHooks.STANDARD)
                                            .read(rs, 1))
                    .isInstanceOf(SQLException.class)
                    .hasMessage("Value 12345678.91 does not fit into DECIMAL(5, 2)")
                    .satisfies(
                            e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22003"));
        }
    }

    @Test
    void otherTypesFailWhenAValueIsRead() throws SQLException {
        LogicalType map = DataTypes.MAP(DataTypes.INT(), DataTypes.INT()).getLogicalType();
        JdbcValues.Reader reader = JdbcValues.reader(map, JdbcValueHooks.STANDARD);
        assertThatThrownBy(() -> reader.read(null, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unsupported type");
        assertThatThrownBy(() -> JdbcValues.writer(map, JdbcValueHooks.STANDARD))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(JdbcValues.sqlType(map)).isEqualTo(Types.OTHER);
    }

    @Test
    void arrayElementsConvertBothWays() throws SQLException {
        Object[][] cases = {
            {DataTypes.INT(), 7L, 7},
            {
                DataTypes.DECIMAL(4, 1),
                new BigDecimal("2.25"),
                DecimalData.fromUnscaledLong(23, 4, 1)
            },
            {DataTypes.STRING(), "x", StringData.fromString("x")},
            {DataTypes.DATE(), Date.valueOf("2024-02-29"), 19782},
            {DataTypes.TIME(3), Time.valueOf("01:02:03"), 3_723_000},
            {
                DataTypes.TIMESTAMP(6),
                Timestamp.valueOf(WALL),
                TimestampData.fromLocalDateTime(WALL)
            },
            {
                DataTypes.TIMESTAMP_LTZ(3),
                Timestamp.from(INSTANT),
                TimestampData.fromInstant(INSTANT)
            },
        };
        for (Object[] c : cases) {
            LogicalType type = ((DataType) c[0]).getLogicalType();
            assertThat(JdbcValues.fromObject(c[1], type)).as(type.toString()).isEqualTo(c[2]);
        }
        assertThat(JdbcValues.fromObject(null, DataTypes.INT().getLogicalType())).isNull();
        assertThat(JdbcValues.toObject(19782, DataTypes.DATE().getLogicalType()))
                .isEqualTo(Date.valueOf("2024-02-29"));
        assertThat(JdbcValues.toObject(3_723_000, DataTypes.TIME(3).getLogicalType()))
                .isEqualTo(Time.valueOf("01:02:03"));
        assertThat(
                        JdbcValues.toObject(
                                TimestampData.fromInstant(INSTANT),
                                DataTypes.TIMESTAMP_LTZ(3).getLogicalType()))
                .isEqualTo(Timestamp.from(INSTANT));
        assertThat(
                        JdbcValues.toObject(
                                StringData.fromString("x"), DataTypes.STRING().getLogicalType()))
                .isEqualTo("x");
        assertThat(JdbcValues.toObject(5, DataTypes.INT().getLogicalType())).isEqualTo(5);
    }
}
