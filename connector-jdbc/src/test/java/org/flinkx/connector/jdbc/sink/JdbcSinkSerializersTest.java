package org.flinkx.connector.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.flinkx.connector.common.sink.TransactionId;
import org.flinkx.connector.common.testutils.GoldenFiles;
import org.flinkx.connector.common.testutils.LongStrings;
import org.junit.jupiter.api.Test;

/** The sink's state formats read the bytes every earlier version wrote. */
class JdbcSinkSerializersTest {

    @Test
    void committableVersion1() throws Exception {
        JdbcCommittable committable = new JdbcCommittable(new TransactionId("fx1a2b", 3, 42L));
        check(
                new JdbcSinkSerializers.CommittableSerializer(),
                committable,
                "jdbc-committable-v1.bin");
    }

    @Test
    void writerStateVersion1() throws Exception {
        JdbcWriterState state = new JdbcWriterState("fx1a2b", List.of(0, 2));
        check(new JdbcSinkSerializers.WriterStateSerializer(), state, "jdbc-writer-state-v1.bin");
    }

    @Test
    void committableVersion2() throws Exception {
        JdbcCommittable committable = new JdbcCommittable(new TransactionId("fx1a2b", 3, 42L));
        checkV2(
                new JdbcSinkSerializers.CommittableSerializer(),
                committable,
                "jdbc-committable-v2.bin");
    }

    @Test
    void writerStateVersion2() throws Exception {
        JdbcWriterState state = new JdbcWriterState("fx1a2b", List.of(0, 2));
        checkV2(new JdbcSinkSerializers.WriterStateSerializer(), state, "jdbc-writer-state-v2.bin");
    }

    @Test
    void longPrefixesRoundTrip() throws Exception {
        String prefix = LongStrings.of("fx");
        roundTrip(
                new JdbcSinkSerializers.CommittableSerializer(),
                new JdbcCommittable(new TransactionId(prefix, 1, 2L)));
        roundTrip(
                new JdbcSinkSerializers.WriterStateSerializer(),
                new JdbcWriterState(prefix, List.of(1)));
    }

    private static <T> void check(
            SimpleVersionedSerializer<T> serializer, T expected, String golden) throws Exception {
        byte[] bytes = GoldenFiles.released(golden);
        assertThat(serializer.deserialize(1, bytes)).isEqualTo(expected);
        roundTrip(serializer, expected);
    }

    private static <T> void checkV2(
            SimpleVersionedSerializer<T> serializer, T expected, String golden) throws Exception {
        assertThat(serializer.getVersion()).isEqualTo(2);
        byte[] bytes = serializer.serialize(expected);
        assertThat(bytes).isEqualTo(GoldenFiles.read(golden, bytes));
        assertThat(serializer.deserialize(2, GoldenFiles.read(golden, bytes))).isEqualTo(expected);
    }

    private static <T> void roundTrip(SimpleVersionedSerializer<T> serializer, T expected)
            throws Exception {
        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(expected)))
                .isEqualTo(expected);
    }
}
