package org.flinkx.connector.common.dirty;

import java.io.Closeable;
import java.io.IOException;
import org.apache.flink.annotation.Internal;

/** Dirty storage: every bad record is written here before it is counted against the error limit. */
@Internal
public interface DirtySink extends Closeable {

    void write(DirtyRecord record) throws IOException;

    @Override
    default void close() throws IOException {}
}
