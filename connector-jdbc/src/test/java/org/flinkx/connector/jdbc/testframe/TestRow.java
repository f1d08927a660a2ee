package org.flinkx.connector.jdbc.testframe;

import java.io.IOException;
import java.io.Serializable;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RawValueData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.RowKind;
import org.apache.flink.types.variant.Variant;

/**
 * The test record of the connector testing framework suites: one row of the test table {@code (id
 * BIGINT NOT NULL, name STRING, amount DECIMAL(12, 2), created TIMESTAMP(3))}, as plain Java
 * values.
 *
 * <p>Why not {@code GenericRowData}: the framework compares records with {@code equals}, and
 * Flink's {@code RowData} implementations only equal rows of their own class (a {@code
 * BinaryRowData} read back through a serializer never equals the {@code GenericRowData} that was
 * written); the sink suite needs {@code T extends Comparable<T>}, which no {@code RowData} class
 * is; and the framework's {@code FromElementsSource} Java-serializes its records. This record is
 * all three: a {@link RowData} the JDBC sink writes directly, a value with {@code equals}/{@code
 * hashCode}/{@code toString} over its columns, comparable (by id), and serializable. Its Flink type
 * is {@link TypeInfoFactoryImpl} (a small dedicated serializer), found by Flink's type extraction
 * through {@link TypeInfo}.
 */
@TypeInfo(TestRow.TypeInfoFactoryImpl.class)
public record TestRow(long id, String name, BigDecimal amount, LocalDateTime created)
        implements RowData, Comparable<TestRow>, Serializable {

    /** The Flink type of the test table's columns, in this order. */
    public static final RowType ROW_TYPE =
            (RowType)
                    DataTypes.ROW(
                                    DataTypes.FIELD("id", DataTypes.BIGINT().notNull()),
                                    DataTypes.FIELD("name", DataTypes.STRING()),
                                    DataTypes.FIELD("amount", DataTypes.DECIMAL(12, 2)),
                                    DataTypes.FIELD("created", DataTypes.TIMESTAMP(3)))
                            .getLogicalType();

    public static final TypeInformation<TestRow> TYPE_INFO = new TestRowTypeInfo();

    private static final Comparator<TestRow> ORDER =
            Comparator.comparingLong(TestRow::id).thenComparing(TestRow::toString);
    private static final LocalDateTime EPOCH = LocalDateTime.of(2024, 1, 1, 0, 0);

    /** A row with the given id and random values (NULLs included) drawn from {@code random}. */
    public static TestRow random(long id, Random random) {
        String name = random.nextInt(8) == 0 ? null : "row-" + id + "-" + randomWord(random);
        BigDecimal amount =
                random.nextInt(8) == 0
                        ? null
                        : BigDecimal.valueOf(random.nextLong() % 10_000_000_000L, 2);
        LocalDateTime created =
                random.nextInt(8) == 0
                        ? null
                        : EPOCH.plus(random.nextInt(Integer.MAX_VALUE), ChronoUnit.MILLIS)
                                .plus(random.nextInt(1_000_000), ChronoUnit.SECONDS);
        return new TestRow(id, name, amount, created);
    }

    /**
     * {@code min} to {@code max} random rows drawn with {@code seed}, with ids taken from {@code
     * nextId} (so ids grow across the calls of one test context).
     */
    public static List<TestRow> randomRows(
            java.util.concurrent.atomic.AtomicLong nextId, long seed, int min, int max) {
        Random random = new Random(seed);
        int count = min + random.nextInt(max - min + 1);
        List<TestRow> rows = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(random(nextId.getAndIncrement(), random));
        }
        return rows;
    }

    private static String randomWord(Random random) {
        char[] chars = new char[1 + random.nextInt(20)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(chars);
    }

    /** The values of any {@code RowData} of the test table's type, e.g. one the source produced. */
    public static TestRow from(RowData row) {
        if (row instanceof TestRow testRow) {
            return testRow;
        }
        if (row.getArity() != 4 || row.getRowKind() != RowKind.INSERT) {
            throw new IllegalArgumentException(
                    "Not a row of the test table: "
                            + row.getRowKind()
                            + " with arity "
                            + row.getArity());
        }
        return new TestRow(
                row.getLong(0),
                row.isNullAt(1) ? null : row.getString(1).toString(),
                row.isNullAt(2) ? null : row.getDecimal(2, 12, 2).toBigDecimal(),
                row.isNullAt(3) ? null : row.getTimestamp(3, 3).toLocalDateTime());
    }

    @Override
    public int compareTo(TestRow other) {
        return ORDER.compare(this, other);
    }

    // ------------------------------------------------------------------ RowData

    @Override
    public int getArity() {
        return 4;
    }

    @Override
    public RowKind getRowKind() {
        return RowKind.INSERT;
    }

    @Override
    public void setRowKind(RowKind kind) {
        if (kind != RowKind.INSERT) {
            throw new UnsupportedOperationException("A TestRow is always an INSERT, not " + kind);
        }
    }

    @Override
    public boolean isNullAt(int pos) {
        return switch (pos) {
            case 0 -> false;
            case 1 -> name == null;
            case 2 -> amount == null;
            case 3 -> created == null;
            default -> throw new IndexOutOfBoundsException(pos);
        };
    }

    @Override
    public long getLong(int pos) {
        check(pos, 0, "BIGINT");
        return id;
    }

    @Override
    public StringData getString(int pos) {
        check(pos, 1, "STRING");
        return StringData.fromString(name);
    }

    @Override
    public DecimalData getDecimal(int pos, int precision, int scale) {
        check(pos, 2, "DECIMAL");
        return DecimalData.fromBigDecimal(amount, precision, scale);
    }

    @Override
    public TimestampData getTimestamp(int pos, int precision) {
        check(pos, 3, "TIMESTAMP");
        return TimestampData.fromLocalDateTime(created);
    }

    private static void check(int pos, int expected, String type) {
        if (pos != expected) {
            throw new UnsupportedOperationException(
                    "Field " + pos + " of a TestRow is not a " + type);
        }
    }

    @Override
    public boolean getBoolean(int pos) {
        throw unsupported(pos, "BOOLEAN");
    }

    @Override
    public byte getByte(int pos) {
        throw unsupported(pos, "TINYINT");
    }

    @Override
    public short getShort(int pos) {
        throw unsupported(pos, "SMALLINT");
    }

    @Override
    public int getInt(int pos) {
        throw unsupported(pos, "INT");
    }

    @Override
    public float getFloat(int pos) {
        throw unsupported(pos, "FLOAT");
    }

    @Override
    public double getDouble(int pos) {
        throw unsupported(pos, "DOUBLE");
    }

    @Override
    public <T> RawValueData<T> getRawValue(int pos) {
        throw unsupported(pos, "RAW");
    }

    @Override
    public byte[] getBinary(int pos) {
        throw unsupported(pos, "BINARY");
    }

    @Override
    public ArrayData getArray(int pos) {
        throw unsupported(pos, "ARRAY");
    }

    @Override
    public MapData getMap(int pos) {
        throw unsupported(pos, "MAP");
    }

    @Override
    public RowData getRow(int pos, int numFields) {
        throw unsupported(pos, "ROW");
    }

    @Override
    public Variant getVariant(int pos) {
        throw unsupported(pos, "VARIANT");
    }

    private static UnsupportedOperationException unsupported(int pos, String type) {
        return new UnsupportedOperationException("Field " + pos + " of a TestRow is not a " + type);
    }

    // ------------------------------------------------------------------ Flink type

    /**
     * Tells Flink's type extraction (e.g. {@code env.fromData(rows)}) to use {@link #TYPE_INFO}.
     */
    public static final class TypeInfoFactoryImpl extends TypeInfoFactory<TestRow> {
        @Override
        public TypeInformation<TestRow> createTypeInfo(
                Type t, Map<String, TypeInformation<?>> genericParameters) {
            return TYPE_INFO;
        }
    }

    private static final class TestRowTypeInfo extends TypeInformation<TestRow> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean isBasicType() {
            return false;
        }

        @Override
        public boolean isTupleType() {
            return false;
        }

        @Override
        public int getArity() {
            return 1;
        }

        @Override
        public int getTotalFields() {
            return 1;
        }

        @Override
        public Class<TestRow> getTypeClass() {
            return TestRow.class;
        }

        @Override
        public boolean isKeyType() {
            return false;
        }

        @Override
        public TypeSerializer<TestRow> createSerializer(SerializerConfig config) {
            return Serializer.INSTANCE;
        }

        @Override
        public String toString() {
            return "TestRow";
        }

        @Override
        public boolean equals(Object obj) {
            return obj instanceof TestRowTypeInfo;
        }

        @Override
        public int hashCode() {
            return TestRowTypeInfo.class.hashCode();
        }

        @Override
        public boolean canEqual(Object obj) {
            return obj instanceof TestRowTypeInfo;
        }
    }

    /** Serializes the four columns; NULLs as a flag. */
    public static final class Serializer extends TypeSerializerSingleton<TestRow> {
        private static final long serialVersionUID = 1L;
        static final Serializer INSTANCE = new Serializer();

        @Override
        public boolean isImmutableType() {
            return true;
        }

        @Override
        public TestRow createInstance() {
            return new TestRow(0, null, null, null);
        }

        @Override
        public TestRow copy(TestRow from) {
            return from;
        }

        @Override
        public TestRow copy(TestRow from, TestRow reuse) {
            return from;
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public void serialize(TestRow row, DataOutputView out) throws IOException {
            out.writeLong(row.id());
            out.writeBoolean(row.name() != null);
            if (row.name() != null) {
                out.writeUTF(row.name());
            }
            out.writeBoolean(row.amount() != null);
            if (row.amount() != null) {
                out.writeUTF(row.amount().toPlainString());
            }
            out.writeBoolean(row.created() != null);
            if (row.created() != null) {
                out.writeLong(row.created().toEpochSecond(ZoneOffset.UTC));
                out.writeInt(row.created().getNano());
            }
        }

        @Override
        public TestRow deserialize(DataInputView in) throws IOException {
            long id = in.readLong();
            String name = in.readBoolean() ? in.readUTF() : null;
            BigDecimal amount = in.readBoolean() ? new BigDecimal(in.readUTF()) : null;
            LocalDateTime created =
                    in.readBoolean()
                            ? LocalDateTime.ofEpochSecond(
                                    in.readLong(), in.readInt(), ZoneOffset.UTC)
                            : null;
            return new TestRow(id, name, amount, created);
        }

        @Override
        public TestRow deserialize(TestRow reuse, DataInputView in) throws IOException {
            return deserialize(in);
        }

        @Override
        public void copy(DataInputView source, DataOutputView target) throws IOException {
            serialize(deserialize(source), target);
        }

        @Override
        public TypeSerializerSnapshot<TestRow> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** Snapshot of the stateless {@link Serializer}. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<TestRow> {
        public Snapshot() {
            super(() -> Serializer.INSTANCE);
        }
    }
}
