package org.flinkx.connector.common.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.junit.jupiter.api.Test;

/** The base of the state serializers: buffers, the current version, and versions it cannot read. */
class VersionedSerializerTest {

    /** Version 1 wrote a string with writeUTF, version 2 with ValueCodec. */
    private static final class Names extends VersionedSerializer<String> {
        Names() {
            super("a name", 2);
        }

        @Override
        protected void writeTo(String value, DataOutputView out) throws IOException {
            ValueCodec.writeString(value, out);
        }

        @Override
        protected String readFrom(int version, DataInputView in) throws IOException {
            return version == 1 ? ValueCodec.readUtfV1(in) : ValueCodec.readString(in);
        }
    }

    @Test
    void writesTheCurrentVersionAndReadsEveryVersionUpToIt() throws IOException {
        Names names = new Names();
        String longName = "x".repeat(70_000); // over writeUTF's limit
        assertThat(names.getVersion()).isEqualTo(2);
        assertThat(names.deserialize(2, names.serialize(longName))).isEqualTo(longName);

        DataOutputSerializer v1 = new DataOutputSerializer(16);
        v1.writeUTF("old");
        assertThat(names.deserialize(1, v1.getCopyOfBuffer())).isEqualTo("old");
    }

    @Test
    void aVersionItDoesNotKnowFailsNamingWhatAndTheVersionsItReads() {
        Names names = new Names();
        assertThatThrownBy(() -> names.deserialize(3, new byte[0]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Unknown version 3 of a name")
                .hasMessageContaining("reads versions 1 to 2");
        assertThatThrownBy(() -> names.deserialize(0, new byte[0]))
                .hasMessageContaining("Unknown version 0 of a name");
    }
}
