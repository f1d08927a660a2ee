package org.flinkx.connector.common.sink;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.annotation.PublicEvolving;

/**
 * The stable parts a transaction id is derived from: a prefix (one per job and target), the writing
 * subtask and a checkpoint number. A restarted job derives the same ids, so it can find what an
 * earlier attempt left open and abort it.
 */
@PublicEvolving
public record TransactionId(String prefix, int subtask, long checkpointId) {

    /** Encodes the id as {@code prefix bytes | subtask (4) | checkpoint (8)}. */
    public byte[] toBytes() {
        byte[] prefixBytes = prefix.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(prefixBytes.length + 12)
                .put(prefixBytes)
                .putInt(subtask)
                .putLong(checkpointId)
                .array();
    }

    /**
     * Decodes bytes written by {@link #toBytes()}, or returns null if they carry another prefix.
     */
    public static TransactionId fromBytes(String expectedPrefix, byte[] bytes) {
        byte[] prefixBytes = expectedPrefix.getBytes(StandardCharsets.UTF_8);
        if (bytes.length != prefixBytes.length + 12
                || !Arrays.equals(
                        bytes, 0, prefixBytes.length, prefixBytes, 0, prefixBytes.length)) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, prefixBytes.length, 12);
        return new TransactionId(expectedPrefix, buffer.getInt(), buffer.getLong());
    }

    @Override
    public String toString() {
        return prefix + "-" + subtask + "-" + checkpointId;
    }
}
