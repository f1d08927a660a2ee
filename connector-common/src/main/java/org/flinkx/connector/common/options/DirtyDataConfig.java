package org.flinkx.connector.common.options;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/** Where bad records go, see {@link FlinkxOptions#DIRTY_SINK}. */
@PublicEvolving
public record DirtyDataConfig(DirtySinkKind kind, String path) implements Serializable {

    public static final DirtyDataConfig LOG = new DirtyDataConfig(DirtySinkKind.LOG, null);
}
