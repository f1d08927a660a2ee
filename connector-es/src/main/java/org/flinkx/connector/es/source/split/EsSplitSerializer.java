package org.flinkx.connector.es.source.split;

import static org.flinkx.connector.common.serialization.ValueCodec.readNullableString;
import static org.flinkx.connector.common.serialization.ValueCodec.readString;
import static org.flinkx.connector.common.serialization.ValueCodec.writeNullableString;
import static org.flinkx.connector.common.serialization.ValueCodec.writeString;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.flinkx.connector.common.serialization.ValueCodec;
import org.flinkx.connector.common.serialization.VersionedSerializer;

/**
 * Versioned serializer of {@link EsSplit}. A new field is appended and read only for the version
 * that introduced it; golden files under {@code src/test/resources/serializer/} hold the bytes of
 * every version.
 *
 * <ul>
 *   <li>Version 1 (first release): split id, index expression ({@code ValueCodec} strings), slice
 *       and slices (ints), the point-in-time id (nullable string), the sort values ({@code
 *       ValueCodec} tuple, tag 11: strings, longs, doubles, decimals), the documents read (long).
 * </ul>
 */
@Internal
public final class EsSplitSerializer extends VersionedSerializer<EsSplit> {

    public static final EsSplitSerializer INSTANCE = new EsSplitSerializer();
    public static final int VERSION = 1;

    public EsSplitSerializer() {
        super("an Elasticsearch split", VERSION);
    }

    @Override
    protected void writeTo(EsSplit split, DataOutputView out) throws IOException {
        writeSplit(split, out);
    }

    @Override
    protected EsSplit readFrom(int version, DataInputView in) throws IOException {
        return readSplit(version, in);
    }

    /** Writes a split in the current version (also inside the enumerator state). */
    public static void writeSplit(EsSplit split, DataOutputView out) throws IOException {
        writeString(split.splitId(), out);
        writeString(split.index(), out);
        out.writeInt(split.slice());
        out.writeInt(split.slices());
        writeNullableString(split.pitId(), out);
        ValueCodec.write(split.sortValues(), out);
        out.writeLong(split.documentsRead());
    }

    /** Reads a split of the given version. */
    public static EsSplit readSplit(int version, DataInputView in) throws IOException {
        if (version != 1) {
            throw new IOException("Unknown version " + version + " of an Elasticsearch split");
        }
        String splitId = readString(in);
        String index = readString(in);
        int slice = in.readInt();
        int slices = in.readInt();
        String pitId = readNullableString(in);
        Object sortValues = ValueCodec.read(in);
        if (!(sortValues instanceof List<?> values)) {
            throw new IOException(
                    "Corrupt Elasticsearch split " + splitId + ": sort values " + sortValues);
        }
        long documentsRead = in.readLong();
        try {
            return new EsSplit(
                    splitId,
                    index,
                    slice,
                    slices,
                    pitId,
                    new ArrayList<Object>(values),
                    documentsRead);
        } catch (IllegalArgumentException e) {
            throw new IOException("Corrupt Elasticsearch split " + splitId + ": " + e, e);
        }
    }
}
