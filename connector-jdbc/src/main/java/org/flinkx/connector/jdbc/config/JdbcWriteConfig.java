package org.flinkx.connector.jdbc.config;

import java.io.Serializable;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.common.options.DirtyDataConfig;
import org.flinkx.connector.common.options.ErrorLimit;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.common.options.SinkBufferConfig;

/**
 * Everything the JDBC sink needs, validated once by the factory or the builder.
 *
 * @param table the target table, possibly {@code schema.table}
 * @param rowType the columns written, with their Flink types
 * @param keys the primary key columns, empty for an append-only table
 * @param transactionPrefix prefix of XA transaction ids (exactly-once)
 * @param preSql statements run once before the first write of a fresh (not restored) job
 * @param postSql statements run once after a bounded job wrote and committed everything
 * @param bulkInsert whether appends use the dialect's bulk path (COPY, LOAD DATA) when it has one
 */
@PublicEvolving
public record JdbcWriteConfig(
        JdbcConnectionConfig connection,
        String table,
        RowType rowType,
        List<String> keys,
        WriteMode writeMode,
        DeliveryGuarantee deliveryGuarantee,
        SinkBufferConfig buffer,
        RateLimit rateLimit,
        ErrorLimit errorLimit,
        DirtyDataConfig dirtyData,
        String transactionPrefix,
        List<String> preSql,
        List<String> postSql,
        boolean bulkInsert)
        implements Serializable {

    public boolean exactlyOnce() {
        return deliveryGuarantee == DeliveryGuarantee.EXACTLY_ONCE;
    }
}
