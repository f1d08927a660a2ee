package org.flinkx.connector.jdbc.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.flinkx.connector.common.sink.TransactionId;
import org.flinkx.connector.common.testutils.GoldenFiles;
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

    private static <T> void check(
            SimpleVersionedSerializer<T> serializer, T expected, String golden) throws Exception {
        byte[] bytes = GoldenFiles.read(golden, serializer.serialize(expected));
        assertThat(serializer.deserialize(1, bytes)).isEqualTo(expected);
        assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(expected)))
                .isEqualTo(expected);
    }
}
