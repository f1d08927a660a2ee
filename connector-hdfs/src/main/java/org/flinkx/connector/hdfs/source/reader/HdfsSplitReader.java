package org.flinkx.connector.hdfs.source.reader;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Queue;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.table.data.RowData;
import org.flinkx.connector.hdfs.format.FileReaderFormat;
import org.flinkx.connector.hdfs.format.SizedRecords;

/**
 * Reads the assigned splits one after another on the fetcher thread, a batch per fetch. Batches of
 * the columnar readers are vectors that the next read may reuse; they are released only after the
 * task has emitted their rows.
 */
final class HdfsSplitReader implements SplitReader<HdfsRecord, FileSourceSplit> {

    private final FileReaderFormat format;
    private final FileReaderFormat.Context context;
    private final Queue<FileSourceSplit> splits = new ArrayDeque<>();
    @Nullable private BulkFormat.Reader<RowData> current;
    @Nullable private String currentId;

    HdfsSplitReader(FileReaderFormat format, FileReaderFormat.Context context) {
        this.format = format;
        this.context = context;
    }

    @Override
    public RecordsWithSplitIds<HdfsRecord> fetch() throws IOException {
        if (current == null) {
            FileSourceSplit next = splits.poll();
            if (next == null) {
                return new Batch(null, null, Set.of());
            }
            current = format.createReader(next, context);
            currentId = next.splitId();
        }
        BulkFormat.RecordIterator<RowData> batch = current.readBatch();
        if (batch == null) {
            String finished = currentId;
            closeCurrent();
            return new Batch(null, null, Set.of(finished));
        }
        return new Batch(currentId, batch, Set.of());
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            try {
                current.close();
            } finally {
                current = null;
                currentId = null;
            }
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<FileSourceSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("Unsupported split change " + change);
        }
        splits.addAll(change.splits());
    }

    @Override
    public void wakeUp() {}

    @Override
    public void close() throws Exception {
        closeCurrent();
    }

    /** One batch of one split, or the end of a split. */
    private static final class Batch implements RecordsWithSplitIds<HdfsRecord> {
        @Nullable private String splitId;
        @Nullable private final BulkFormat.RecordIterator<RowData> records;
        private final Set<String> finished;
        private final HdfsRecord record = new HdfsRecord();

        Batch(
                @Nullable String splitId,
                @Nullable BulkFormat.RecordIterator<RowData> records,
                Set<String> finished) {
            this.splitId = splitId;
            this.records = records;
            this.finished = finished;
        }

        @Nullable
        @Override
        public String nextSplit() {
            String next = splitId;
            splitId = null;
            return next;
        }

        @Nullable
        @Override
        public HdfsRecord nextRecordFromSplit() {
            if (records == null) {
                return null;
            }
            RecordAndPosition<RowData> next = records.next();
            if (next == null) {
                return null;
            }
            long bytes = records instanceof SizedRecords sized ? sized.lastRecordBytes() : -1;
            return record.set(next, bytes);
        }

        @Override
        public Set<String> finishedSplits() {
            return finished.isEmpty() ? Collections.emptySet() : finished;
        }

        @Override
        public void recycle() {
            if (records != null) {
                records.releaseBatch();
            }
        }
    }
}
