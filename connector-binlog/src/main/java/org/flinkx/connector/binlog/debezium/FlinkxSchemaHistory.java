package org.flinkx.connector.binlog.debezium;

import io.debezium.config.Configuration;
import io.debezium.document.DocumentReader;
import io.debezium.document.DocumentWriter;
import io.debezium.relational.history.AbstractSchemaHistory;
import io.debezium.relational.history.HistoryRecord;
import io.debezium.relational.history.HistoryRecordComparator;
import io.debezium.relational.history.SchemaHistoryException;
import io.debezium.relational.history.SchemaHistoryListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.flink.annotation.Internal;

/**
 * Debezium's schema history inside a FlinkX split: the DDL history the binlog reader needs to
 * interpret row events. Records live in memory under an instance id, seeded from the split's
 * checkpointed history and copied back into the split state at every checkpoint; Debezium replays
 * only records up to the offset it resumes from, so records ahead of it are harmless.
 */
@Internal
public final class FlinkxSchemaHistory extends AbstractSchemaHistory {

    /** Engine property: the id under which this history's records live. */
    public static final String INSTANCE = "schema.history.internal.flinkx.instance";

    private static final Map<String, List<String>> HISTORIES = new ConcurrentHashMap<>();

    private List<String> records;

    /** Registers a history (as JSON documents) for an engine about to start. */
    public static void register(String instance, List<String> documents) {
        HISTORIES.put(instance, new CopyOnWriteArrayList<>(documents));
    }

    /** The history's records now, as JSON documents. */
    public static List<String> documents(String instance) {
        List<String> records = HISTORIES.get(instance);
        return records == null ? List.of() : new ArrayList<>(records);
    }

    public static void unregister(String instance) {
        HISTORIES.remove(instance);
    }

    @Override
    public void configure(
            Configuration config,
            HistoryRecordComparator comparator,
            SchemaHistoryListener listener,
            boolean useCatalogBeforeSchema) {
        super.configure(config, comparator, listener, useCatalogBeforeSchema);
        String instance = config.getString(INSTANCE);
        records = HISTORIES.computeIfAbsent(instance, k -> new CopyOnWriteArrayList<>());
    }

    @Override
    protected void storeRecord(HistoryRecord record) throws SchemaHistoryException {
        try {
            records.add(DocumentWriter.defaultWriter().write(record.document()));
        } catch (IOException e) {
            throw new SchemaHistoryException("Cannot write a schema history record", e);
        }
    }

    @Override
    protected void recoverRecords(Consumer<HistoryRecord> consumer) {
        DocumentReader reader = DocumentReader.defaultReader();
        for (String document : records) {
            try {
                consumer.accept(new HistoryRecord(reader.read(document)));
            } catch (IOException e) {
                throw new SchemaHistoryException("Cannot read a schema history record", e);
            }
        }
    }

    @Override
    public boolean exists() {
        return records != null && !records.isEmpty();
    }

    @Override
    public boolean storageExists() {
        return true;
    }

    @Override
    public String toString() {
        return "FlinkX schema history";
    }
}
