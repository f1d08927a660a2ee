package org.flinkx.connector.binlog.source.split;

import java.io.Serializable;
import org.apache.flink.annotation.Internal;

/**
 * A position in the binlog: a file and the byte offset of an event in it. Positions order by file
 * sequence number (the suffix after the last dot, e.g. {@code mysql-bin.000012}), then offset.
 */
@Internal
public record BinlogPosition(String file, long pos)
        implements Comparable<BinlogPosition>, Serializable {

    @Override
    public int compareTo(BinlogPosition other) {
        int byFile = Long.compare(sequence(file), sequence(other.file));
        if (byFile == 0 && !file.equals(other.file)) {
            byFile = file.compareTo(other.file);
        }
        return byFile != 0 ? byFile : Long.compare(pos, other.pos);
    }

    private static long sequence(String file) {
        int dot = file.lastIndexOf('.');
        try {
            return Long.parseLong(file.substring(dot + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return file + ":" + pos;
    }
}
