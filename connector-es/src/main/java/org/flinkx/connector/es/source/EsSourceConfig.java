package org.flinkx.connector.es.source;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.es.config.EsConnection;
import org.flinkx.connector.es.config.ScanMode;

/**
 * What the source reads and how.
 *
 * @param index an index, alias, pattern or comma-separated list
 * @param query the query DSL JSON of the search's {@code query} (with pushed-down filters already
 *     added), or null for all documents
 * @param sourceFields the {@code _source} fields read, in the order of the produced row
 * @param metadata the metadata columns after them: {@code _id}, {@code _index}, {@code _score}
 * @param slices the number of slices (splits), or null for the source's parallelism
 */
@PublicEvolving
public record EsSourceConfig(
        String connector,
        EsConnection connection,
        String index,
        @Nullable String query,
        RowType sourceFields,
        List<String> metadata,
        @Nullable Integer slices,
        int fetchSize,
        ScanMode mode,
        Duration keepAlive,
        RateLimit rateLimit,
        ErrorLimit errorLimit,
        DirtyDataConfig dirtyData)
        implements Serializable {

    public EsSourceConfig {
        metadata = List.copyOf(metadata);
    }
}
