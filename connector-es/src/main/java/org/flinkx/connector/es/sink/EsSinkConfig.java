package org.flinkx.connector.es.sink;

import java.io.Serializable;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.common.options.SinkBufferConfig;
import org.flinkx.connector.es.config.EsConnection;

/**
 * What the sink writes and how; built by {@link EsSinkBuilder}.
 *
 * @param index the index, or a pattern with one placeholder ({@link IndexName})
 * @param rowType the rows' columns: the documents' fields
 * @param keys the PRIMARY KEY columns that make the document id; none for generated ids
 */
@PublicEvolving
public record EsSinkConfig(
        String connector,
        EsConnection connection,
        String index,
        RowType rowType,
        List<String> keys,
        String keyDelimiter,
        SinkBufferConfig buffer,
        DeliveryGuarantee guarantee,
        RateLimit rateLimit,
        ErrorLimit errorLimit,
        DirtyDataConfig dirtyData)
        implements Serializable {

    public EsSinkConfig {
        keys = List.copyOf(keys);
    }
}
