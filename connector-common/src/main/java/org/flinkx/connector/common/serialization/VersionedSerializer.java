package org.flinkx.connector.common.serialization;

import java.io.IOException;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The base of every FlinkX state serializer (splits, enumerator states, committables, writer
 * states): a connector writes the current version's fields and reads every version from 1 to the
 * current one; this class does the buffers and refuses versions it does not know, naming what it
 * reads. Strings go through {@link ValueCodec}, whose string codec has no length limit.
 *
 * <p>Compatibility rule: a released version's bytes are read forever. A change of the format adds a
 * version (and golden files of it beside the old ones in the connector's tests).
 */
@PublicEvolving
public abstract class VersionedSerializer<T> implements SimpleVersionedSerializer<T> {

    private final String what;
    private final int version;

    /**
     * @param what what the bytes are, for messages ("a JDBC split")
     * @param version the version this build writes; versions 1 to it are read
     */
    protected VersionedSerializer(String what, int version) {
        this.what = what;
        this.version = version;
    }

    @Override
    public final int getVersion() {
        return version;
    }

    @Override
    public final byte[] serialize(T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        writeTo(value, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public final T deserialize(int version, byte[] bytes) throws IOException {
        if (version < 1 || version > this.version) {
            throw new IOException(
                    "Unknown version "
                            + version
                            + " of "
                            + what
                            + ": this FlinkX reads versions 1 to "
                            + this.version
                            + " (state written by a newer FlinkX?)");
        }
        return readFrom(version, new DataInputDeserializer(bytes));
    }

    /** Writes {@code value} in the current version. */
    protected abstract void writeTo(T value, DataOutputView out) throws IOException;

    /** Reads a value written in {@code version} (1 to the current one). */
    protected abstract T readFrom(int version, DataInputView in) throws IOException;
}
