package org.flinkx.connector.binlog.source.reader;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.kafka.connect.data.Struct;
import org.flinkx.connector.binlog.config.BinlogConfig;
import org.flinkx.connector.binlog.config.BinlogMetadata;

/**
 * The rows emitted for each captured table: either every table's rows in the declared columns (plus
 * the metadata columns), or, with a row per table, each table's own columns nested in the one
 * column of that table ({@link org.flinkx.connector.binlog.config.TableRowTypes}). Both the binlog
 * stream and the snapshot chunks go through it, so they give the same rows.
 */
final class TableRows implements Serializable {

    private static final long serialVersionUID = 1L;

    private final BinlogConfig config;
    private final BinlogRowConverter shared; // null with a row per table
    private final Map<String, Integer> positions = new HashMap<>(); // database.table -> column
    private final BinlogRowConverter[] converters; // with a row per table, by column
    private final RowType[] types;
    // the last table looked up: a binlog's changes come in runs of one table
    private transient String lastDatabase;
    private transient String lastTable;
    private transient int lastPosition;

    TableRows(BinlogConfig config) {
        this.config = config;
        if (config.rowPerTable()) {
            this.shared = null;
            int n = config.tableRows().size();
            this.converters = new BinlogRowConverter[n];
            this.types = new RowType[n];
            int i = 0;
            for (Map.Entry<String, RowType> table : config.tableRows().entrySet()) {
                positions.put(table.getKey(), i);
                types[i] = table.getValue();
                converters[i] = new BinlogRowConverter(table.getValue(), List.of());
                i++;
            }
        } else {
            this.shared =
                    new BinlogRowConverter(
                            config.physicalType(),
                            config.metadata().stream().map(BinlogMetadata::of).toList());
            this.converters = null;
            this.types = null;
        }
    }

    /** The columns read from the table. */
    RowType columns(String database, String table) {
        return shared == null ? types[position(database, table)] : config.physicalType();
    }

    /** The emitted row of a Debezium {@code before}/{@code after} struct. */
    GenericRowData convert(Struct row, String database, String table, long timestampMillis) {
        if (shared != null) {
            return shared.convert(row, database, table, timestampMillis);
        }
        int position = position(database, table);
        return nest(position, converters[position].convert(row, database, table, timestampMillis));
    }

    /**
     * The emitted row of a delete's struct older than some columns (see {@link
     * BinlogRowConverter#convertOlder}).
     */
    GenericRowData convertOlder(Struct row, String database, String table, long timestampMillis) {
        if (shared != null) {
            return shared.convertOlder(row, database, table, timestampMillis);
        }
        int position = position(database, table);
        return nest(
                position, converters[position].convertOlder(row, database, table, timestampMillis));
    }

    /** The emitted row of a table's row read in its columns (and the metadata columns). */
    GenericRowData wrap(String database, String table, GenericRowData row) {
        return shared == null ? nest(position(database, table), row) : row;
    }

    private GenericRowData nest(int position, GenericRowData row) {
        GenericRowData out = new GenericRowData(types.length);
        out.setField(position, row);
        return out;
    }

    private int position(String database, String table) {
        if (table.equals(lastTable) && database.equals(lastDatabase)) {
            return lastPosition;
        }
        int position = lookUp(database, table);
        lastDatabase = database;
        lastTable = table;
        lastPosition = position;
        return position;
    }

    private int lookUp(String database, String table) {
        String name = database + "." + table;
        Integer position = positions.get(name);
        if (position == null) {
            // the captured tables are matched ignoring case, as Debezium's include list does
            for (Map.Entry<String, Integer> known : positions.entrySet()) {
                if (known.getKey().equalsIgnoreCase(name)) {
                    positions.put(name, known.getValue());
                    return known.getValue();
                }
            }
            throw new IllegalStateException(
                    "A change of "
                            + name
                            + " arrived, but the source has no column for that table: "
                            + "its columns are "
                            + positions.keySet());
        }
        return position;
    }
}
