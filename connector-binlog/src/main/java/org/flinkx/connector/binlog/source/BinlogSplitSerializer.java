package org.flinkx.connector.binlog.source;

import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Versioned serializer of {@link BinlogSplit}; version 1 is the first released format. Strings are
 * written as length-prefixed UTF-8 (history documents can exceed {@code writeUTF}'s 64 KB).
 */
public final class BinlogSplitSerializer implements SimpleVersionedSerializer<BinlogSplit> {

    public static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(BinlogSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        out.writeBoolean(split.offset() != null);
        if (split.offset() != null) {
            writeString(out, split.offset());
        }
        out.writeInt(split.schemaHistory().size());
        for (String document : split.schemaHistory()) {
            writeString(out, document);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public BinlogSplit deserialize(int version, byte[] bytes) throws IOException {
        if (version != 1) {
            throw new IOException("Unknown version of a binlog split: " + version);
        }
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        String offset = in.readBoolean() ? readString(in) : null;
        int count = in.readInt();
        List<String> history = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            history.add(readString(in));
        }
        return new BinlogSplit(offset, history);
    }

    private static void writeString(DataOutputSerializer out, String value) throws IOException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputDeserializer in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
