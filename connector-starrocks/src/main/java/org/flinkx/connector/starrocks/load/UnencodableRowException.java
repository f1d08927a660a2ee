package org.flinkx.connector.starrocks.load;

import org.apache.flink.annotation.Internal;

/** A row the sink cannot write into a load's body without changing it: it goes to dirty storage. */
@Internal
public final class UnencodableRowException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnencodableRowException(String column, String reason) {
        super("Column '" + column + "': " + reason + ".");
    }
}
