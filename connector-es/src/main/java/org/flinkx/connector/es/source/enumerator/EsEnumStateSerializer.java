package org.flinkx.connector.es.source.enumerator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.flinkx.connector.common.serialization.ValueCodec;
import org.flinkx.connector.common.serialization.VersionedSerializer;
import org.flinkx.connector.es.source.split.EsSplit;
import org.flinkx.connector.es.source.split.EsSplitSerializer;

/**
 * Versioned serializer of {@link EsEnumState}.
 *
 * <ul>
 *   <li>Version 1 (first release): the version of the splits' format (so a later split version
 *       stays readable in this layout), the pending splits (count, then each), whether the slices
 *       were planned, the point-in-time id (nullable string).
 * </ul>
 */
@Internal
public final class EsEnumStateSerializer extends VersionedSerializer<EsEnumState> {

    static final int VERSION = 1;

    public EsEnumStateSerializer() {
        super("the Elasticsearch enumerator state", VERSION);
    }

    @Override
    protected void writeTo(EsEnumState state, DataOutputView out) throws IOException {
        out.writeInt(EsSplitSerializer.VERSION);
        out.writeInt(state.pendingSplits().size());
        for (EsSplit split : state.pendingSplits()) {
            EsSplitSerializer.writeSplit(split, out);
        }
        out.writeBoolean(state.planned());
        ValueCodec.writeNullableString(state.pitId(), out);
    }

    @Override
    protected EsEnumState readFrom(int version, DataInputView in) throws IOException {
        int splitVersion = in.readInt();
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("Corrupt Elasticsearch enumerator state: " + count + " splits");
        }
        List<EsSplit> splits = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            splits.add(EsSplitSerializer.readSplit(splitVersion, in));
        }
        boolean planned = in.readBoolean();
        return new EsEnumState(splits, planned, ValueCodec.readNullableString(in));
    }
}
