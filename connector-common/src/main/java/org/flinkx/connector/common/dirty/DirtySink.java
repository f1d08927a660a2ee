package org.flinkx.connector.common.dirty;

import java.io.Closeable;
import java.io.IOException;

/** Dirty storage: every bad record is written here before it is counted against the error limit. */
public interface DirtySink extends Closeable {

    void write(DirtyRecord record) throws IOException;

    @Override
    default void close() throws IOException {}
}
