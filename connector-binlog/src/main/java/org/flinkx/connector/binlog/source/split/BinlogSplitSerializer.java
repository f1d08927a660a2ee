package org.flinkx.connector.binlog.source.split;

import static org.flinkx.connector.common.serialization.ValueCodec.readBytes;
import static org.flinkx.connector.common.serialization.ValueCodec.readNullableString;
import static org.flinkx.connector.common.serialization.ValueCodec.readString;
import static org.flinkx.connector.common.serialization.ValueCodec.writeBytes;
import static org.flinkx.connector.common.serialization.ValueCodec.writeNullableString;
import static org.flinkx.connector.common.serialization.ValueCodec.writeString;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Versioned serializer of the source's splits. Strings are written with the shared state codec
 * ({@code ValueCodec.writeString}: int byte length + UTF-8; history documents can exceed {@code
 * writeUTF}'s 64 KB), as they were before it was shared: the bytes of both versions are unchanged.
 *
 * <ul>
 *   <li>Version 1 (first release): the binlog split only (offset, schema history).
 *   <li>Version 2: a kind byte, then a binlog split (version 1's fields + its snapshot chunks), a
 *       snapshot split or a finished snapshot split.
 * </ul>
 */
@Internal
public final class BinlogSplitSerializer implements SimpleVersionedSerializer<BinlogSourceSplit> {

    public static final int VERSION = 2;

    private static final byte BINLOG = 0;
    private static final byte SNAPSHOT = 1;
    private static final byte FINISHED_SNAPSHOT = 2;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(BinlogSourceSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    void write(BinlogSourceSplit split, DataOutputView out) throws IOException {
        if (split instanceof BinlogSplit binlog) {
            out.writeByte(BINLOG);
            writeBinlogV1(binlog, out);
            writeChunks(binlog.snapshotChunks(), out);
        } else if (split instanceof SnapshotSplit snapshot) {
            out.writeByte(SNAPSHOT);
            writeString(snapshot.database(), out);
            writeString(snapshot.table(), out);
            writeNullableString(snapshot.keyColumn(), out);
            writeInteger(out, snapshot.lo());
            writeInteger(out, snapshot.hi());
            out.writeInt(snapshot.index());
            writeChunks(snapshot.emitted(), out);
        } else {
            FinishedSnapshotSplit finished = (FinishedSnapshotSplit) split;
            out.writeByte(FINISHED_SNAPSHOT);
            writeString(finished.splitId(), out);
            writeChunks(finished.chunks(), out);
        }
    }

    @Override
    public BinlogSourceSplit deserialize(int version, byte[] bytes) throws IOException {
        return read(version, new DataInputDeserializer(bytes));
    }

    BinlogSourceSplit read(int version, DataInputView in) throws IOException {
        if (version == 1) {
            return readBinlogV1(in, List.of());
        }
        if (version != 2) {
            throw new IOException("Unknown version of a binlog source split: " + version);
        }
        byte kind = in.readByte();
        switch (kind) {
            case BINLOG:
                {
                    BinlogSplit v1 = readBinlogV1(in, List.of());
                    return new BinlogSplit(v1.offset(), v1.schemaHistory(), readChunks(in));
                }
            case SNAPSHOT:
                return new SnapshotSplit(
                        readString(in),
                        readString(in),
                        readNullableString(in),
                        readInteger(in),
                        readInteger(in),
                        in.readInt(),
                        readChunks(in));
            case FINISHED_SNAPSHOT:
                return new FinishedSnapshotSplit(readString(in), readChunks(in));
            default:
                throw new IOException("Unknown kind of binlog source split: " + kind);
        }
    }

    private static void writeBinlogV1(BinlogSplit split, DataOutputView out) throws IOException {
        writeNullableString(split.offset(), out);
        out.writeInt(split.schemaHistory().size());
        for (String document : split.schemaHistory()) {
            writeString(document, out);
        }
    }

    private static BinlogSplit readBinlogV1(DataInputView in, List<SnapshotChunk> chunks)
            throws IOException {
        String offset = readNullableString(in);
        int count = in.readInt();
        List<String> history = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            history.add(readString(in));
        }
        return new BinlogSplit(offset, history, chunks);
    }

    public static void writeChunks(List<SnapshotChunk> chunks, DataOutputView out)
            throws IOException {
        out.writeInt(chunks.size());
        for (SnapshotChunk chunk : chunks) {
            writeString(chunk.database(), out);
            writeString(chunk.table(), out);
            writeInteger(out, chunk.lo());
            writeInteger(out, chunk.hi());
            writePosition(out, chunk.position());
        }
    }

    public static List<SnapshotChunk> readChunks(DataInputView in) throws IOException {
        int count = in.readInt();
        List<SnapshotChunk> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            chunks.add(
                    new SnapshotChunk(
                            readString(in),
                            readString(in),
                            readInteger(in),
                            readInteger(in),
                            readPosition(in)));
        }
        return chunks;
    }

    public static void writePosition(DataOutputView out, BinlogPosition position)
            throws IOException {
        writeString(position.file(), out);
        out.writeLong(position.pos());
    }

    public static BinlogPosition readPosition(DataInputView in) throws IOException {
        return new BinlogPosition(readString(in), in.readLong());
    }

    public static void writeInteger(DataOutputView out, @Nullable BigInteger value)
            throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            writeBytes(value.toByteArray(), out);
        }
    }

    @Nullable
    public static BigInteger readInteger(DataInputView in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return new BigInteger(readBytes(in));
    }
}
