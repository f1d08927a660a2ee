package org.flinkx.connector.starrocks.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.flinkx.connector.common.testutils.GoldenFiles;
import org.flinkx.connector.common.testutils.LongStrings;
import org.junit.jupiter.api.Test;

/** The sink's state formats: the bytes of version 1 are fixed and read back. */
class StarRocksSinkSerializersTest {

    private static final StarRocksCommittable COMMITTABLE =
            new StarRocksCommittable("shop", "orders", "flinkx-orders-0a1b2c3d4e5f-3-17");
    private static final StarRocksWriterState STATE =
            new StarRocksWriterState("flinkx", "orders", "0a1b2c3d4e5f", 3, 18);

    @Test
    void committableVersion1() throws Exception {
        check(
                new StarRocksSinkSerializers.Committable(),
                COMMITTABLE,
                "starrocks-committable-v1.bin");
    }

    @Test
    void writerStateVersion1() throws Exception {
        check(new StarRocksSinkSerializers.WriterState(), STATE, "starrocks-writer-state-v1.bin");
    }

    @Test
    void longNamesRoundTrip() throws Exception {
        StarRocksCommittable committable =
                new StarRocksCommittable(LongStrings.of("db"), LongStrings.of("t"), "l");
        SimpleVersionedSerializer<StarRocksCommittable> serializer =
                new StarRocksSinkSerializers.Committable();
        assertThat(serializer.deserialize(1, serializer.serialize(committable)))
                .isEqualTo(committable);
    }

    private static <T> void check(
            SimpleVersionedSerializer<T> serializer, T expected, String golden) throws Exception {
        assertThat(serializer.getVersion()).isEqualTo(1);
        byte[] bytes = serializer.serialize(expected);
        assertThat(bytes).isEqualTo(GoldenFiles.read(golden, bytes));
        assertThat(serializer.deserialize(1, GoldenFiles.read(golden, bytes))).isEqualTo(expected);
    }
}
