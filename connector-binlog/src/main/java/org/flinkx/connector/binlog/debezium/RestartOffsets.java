package org.flinkx.connector.binlog.debezium;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * The offset a row is checkpointed with. Debezium's MariaDB offsets name, in {@code gtids}, the
 * transactions completed before the row's own, so that a restart replays the row's transaction and
 * skips the events already emitted ({@code event}, {@code row}) — except in the first transaction
 * after the engine started: no GTID has been seen yet, and the set taken is the one read with the
 * transaction's own GTID. Such an offset would restart after the transaction (losing the rest of
 * it), and the restored schema history would apply a DDL right after the row as if it came before
 * it (equal GTID sets: the DDL's event 1 precedes the row's), so that the rows between would be
 * read with the DDL's columns. The row's transaction is taken out of the set: the offset then says
 * what every later row's offset says.
 */
@Internal
public final class RestartOffsets {

    private RestartOffsets() {}

    /**
     * {@code offset} without {@code transactionGtid} (the row's transaction, MariaDB's {@code
     * domain-server-sequence}) among its completed GTIDs; {@code offset} itself when it does not
     * name it.
     */
    public static Map<String, ?> of(Map<String, ?> offset, @Nullable String transactionGtid) {
        Object gtids = offset.get("gtids");
        if (transactionGtid == null
                || !(gtids instanceof String set)
                || !set.contains(transactionGtid.trim())) {
            return offset; // every row but those of the first transaction: no parsing
        }
        String running = transactionGtid.trim();
        int lastDash = running.lastIndexOf('-');
        if (lastDash <= 0) {
            return offset;
        }
        long sequence;
        try {
            sequence = Long.parseLong(running.substring(lastDash + 1));
        } catch (NumberFormatException notMariaDb) {
            return offset;
        }
        List<String> completed = new ArrayList<>();
        boolean named = false;
        for (String gtid : set.split(",")) {
            if (gtid.trim().equals(running)) {
                named = true;
                completed.add(running.substring(0, lastDash + 1) + (sequence - 1));
            } else {
                completed.add(gtid.trim());
            }
        }
        if (!named) {
            return offset;
        }
        Map<String, Object> restart = new LinkedHashMap<>(offset);
        restart.put("gtids", String.join(",", completed));
        return restart;
    }
}
