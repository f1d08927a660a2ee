package org.flinkx.connector.common.dirty;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.flink.annotation.Internal;
import org.flinkx.connector.common.options.DirtyDataConfig;

/** Creates the dirty sink a configuration asks for. */
@Internal
public final class DirtySinks {

    /**
     * @param owner a name unique to the writing subtask (job, operator, subtask), used as file name
     */
    public static DirtySink create(DirtyDataConfig config, String owner) throws IOException {
        return switch (config.kind()) {
            case LOG -> new LogDirtySink();
            case FILE -> new FileDirtySink(Path.of(config.path()), "dirty-" + owner + ".jsonl");
        };
    }

    private DirtySinks() {}
}
