package org.flinkx.connector.hdfs.sink;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.utils.ProjectedRowData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.utils.PartitionPathUtils;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.flinkx.connector.common.dirty.RowText;
import org.flinkx.connector.common.metrics.RowSizes;
import org.flinkx.connector.common.retry.ErrorClassifier;
import org.flinkx.connector.common.sink.Batch;
import org.flinkx.connector.common.sink.FlinkxSinkWriter;
import org.flinkx.connector.common.sink.Rejected;
import org.flinkx.connector.common.sink.TargetWriter;
import org.flinkx.connector.hdfs.config.WriteMode;
import org.flinkx.connector.hdfs.format.FileReaderFormat;
import org.flinkx.connector.hdfs.format.FileRowWriter;
import org.flinkx.connector.hdfs.fs.HadoopConf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes batches of rows into files under the hidden {@code .data} directory, one open file per
 * partition directory, for {@link FlinkxSinkWriter} (which buffers, pipelines and counts). Files
 * roll at a size, when a batch finds them open longer than the rollover interval, and at every
 * checkpoint; closed files become committables that the committer publishes once the checkpoint
 * completes. A row the format cannot encode is rejected to dirty storage.
 *
 * <p>On start the writer deletes what earlier attempts of the job left in {@code .data} and nobody
 * will publish: files of its share of subtasks written after the checkpoint it resumes from (or all
 * of them on a fresh start). Files up to that checkpoint are in the restored committables.
 */
final class HdfsWriter implements TargetWriter<RowData, HdfsCommittable, HdfsWriterState> {

    private static final Logger LOG = LoggerFactory.getLogger(HdfsWriter.class);

    /** Nothing a retry cures: a failed stream is broken, the job restarts from its checkpoint. */
    private static final ErrorClassifier NOT_RETRIED = error -> false;

    private final HdfsSinkConfig config;
    private final RowSizes sizes;
    private final RowText rowText;
    private final int subtask;
    private final String jobId;
    private final Path root;
    private final FileSystem fs;
    private final String attempt;
    private final int[] dataFields;
    private final RowData.FieldGetter[] partitionGetters;
    private final LogicalType[] partitionTypes;
    private final ProjectedRowData projection;

    private final Map<String, OpenFile> open = new HashMap<>();
    private final List<HdfsCommittable> closed = new ArrayList<>();
    private String runId;
    private long checkpoint;
    private long fileCount;
    private long bytesWritten;

    /** When open files were last checked against the rollover interval (null: not yet). */
    private Long lastRollCheck;

    private static final class OpenFile {
        final Path temp;
        final Path target;
        final FileRowWriter writer;
        final long openedAt;
        long length;

        OpenFile(Path temp, Path target, FileRowWriter writer, long openedAt) {
            this.temp = temp;
            this.target = target;
            this.writer = writer;
            this.openedAt = openedAt;
        }
    }

    HdfsWriter(WriterInitContext context, HdfsSinkConfig config) throws IOException {
        this.config = config;
        this.sizes = RowSizes.forType(config.tableType());
        this.rowText = RowText.of(config.tableType());
        this.subtask = context.getTaskInfo().getIndexOfThisSubtask();
        this.jobId = context.getJobInfo().getJobId().toHexString();
        this.root = new Path(config.path());
        this.fs = config.hadoop().fileSystem(root);
        this.attempt = String.format("%08x", ThreadLocalRandom.current().nextInt());
        this.checkpoint = context.getRestoredCheckpointId().orElse(0) + 1;

        RowType tableType = config.tableType();
        List<String> names = tableType.getFieldNames();
        List<Integer> data = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (!config.partitionKeys().contains(names.get(i))) {
                data.add(i);
            }
        }
        this.dataFields = data.stream().mapToInt(Integer::intValue).toArray();
        this.projection = ProjectedRowData.from(dataFields);
        this.partitionGetters = new RowData.FieldGetter[config.partitionKeys().size()];
        this.partitionTypes = new LogicalType[partitionGetters.length];
        for (int k = 0; k < partitionGetters.length; k++) {
            int field = names.indexOf(config.partitionKeys().get(k));
            partitionTypes[k] = tableType.getTypeAt(field);
            partitionGetters[k] = RowData.createFieldGetter(partitionTypes[k], field);
        }
        try {
            config.format().open(context.asSerializationSchemaInitializationContext());
        } catch (Exception e) {
            fs.close();
            throw new IOException("Cannot open the format of " + root, e);
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public ErrorClassifier errors() {
        return NOT_RETRIED;
    }

    @Override
    public boolean retriesWrites() {
        return false;
    }

    @Override
    public long sizeOf(RowData row) {
        return sizes.of(row);
    }

    @Override
    public boolean countsBytes() {
        return true;
    }

    @Override
    public long takeBytesWritten() {
        long bytes = bytesWritten;
        bytesWritten = 0;
        return bytes;
    }

    /**
     * Finds the run id, then deletes unpublishable files of earlier attempts (see the class
     * comment).
     */
    @Override
    public void abortLeftovers(Restore<HdfsWriterState> restore) throws IOException {
        this.runId = runId(restore);
        Path temp = HdfsFiles.tempDir(root);
        RemoteIterator<LocatedFileStatus> files;
        try {
            files = fs.listFiles(temp, true);
        } catch (FileNotFoundException e) {
            return;
        } catch (IOException e) {
            throw HadoopConf.describe("list", temp, e);
        }
        int deleted = 0;
        OptionalLong restoredCheckpoint = restore.restoredCheckpoint();
        while (files.hasNext()) {
            FileStatus file = files.next();
            HdfsFiles.Name name = HdfsFiles.parse(config.filePrefix(), file.getPath().getName());
            if (name == null
                    || name.subtask() % restore.parallelism() != subtask
                    || name.attempt().equals(attempt)) {
                continue;
            }
            boolean ours = name.runId().equals(runId);
            if (!ours
                    || restoredCheckpoint.isEmpty()
                    || name.checkpoint() > restoredCheckpoint.getAsLong()) {
                fs.delete(file.getPath(), false);
                deleted++;
            }
        }
        if (deleted > 0) {
            LOG.info("Deleted {} unpublished files of earlier attempts from {}", deleted, temp);
        }
    }

    /**
     * The run id: from the restored state; for a subtask without state (the job was scaled up) from
     * the file subtask 0 wrote on the first start; on a fresh start the job id.
     */
    private String runId(Restore<HdfsWriterState> restore) throws IOException {
        if (!restore.states().isEmpty()) {
            return restore.states().iterator().next().runId();
        }
        Path runFile = new Path(HdfsFiles.tempDir(root), ".run-" + config.filePrefix());
        if (restore.restoredCheckpoint().isPresent()) {
            try (var in = fs.open(runFile)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            } catch (FileNotFoundException e) {
                return jobId;
            }
        }
        if (subtask == 0) {
            try (FSDataOutputStream out = fs.create(runFile, true)) {
                out.write(jobId.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw HadoopConf.describe("write", runFile, e);
            }
        }
        return jobId;
    }

    @Override
    public void begin(long checkpointId) {
        this.checkpoint = checkpointId;
    }

    @Override
    public List<Rejected> write(Batch<RowData> batch) throws IOException {
        long now = batch.handedOverAt();
        long checkInterval = config.rollingCheckInterval().toMillis();
        if (checkInterval > 0 && (lastRollCheck == null || now - lastRollCheck >= checkInterval)) {
            lastRollCheck = now;
            rollFilesOpenLongerThanTheInterval(now);
        }
        List<Rejected> rejected = new ArrayList<>();
        for (RowData row : batch.rows()) {
            String partition = partitionPath(row);
            OpenFile file = open.get(partition);
            if (file == null) {
                file = openFile(partition, batch.handedOverAt());
            }
            try {
                file.writer.write(projection.replaceRow(row));
            } catch (IllegalArgumentException e) {
                rejected.add(new Rejected(file.temp.toString(), rowText.render(row), "encode", e));
                continue;
            }
            long length = file.writer.length();
            bytesWritten += length - file.length;
            file.length = length;
            if (length >= config.rollingFileSize()) {
                open.remove(partition);
                finish(file);
            }
        }
        return rejected;
    }

    private void rollFilesOpenLongerThanTheInterval(long now) throws IOException {
        long maxAge = config.rolloverInterval().toMillis();
        Iterator<Map.Entry<String, OpenFile>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            OpenFile file = it.next().getValue();
            if (now - file.openedAt >= maxAge) {
                it.remove();
                finish(file);
            }
        }
    }

    private String partitionPath(RowData row) {
        if (partitionGetters.length == 0) {
            return "";
        }
        LinkedHashMap<String, String> spec = new LinkedHashMap<>();
        for (int k = 0; k < partitionGetters.length; k++) {
            spec.put(
                    config.partitionKeys().get(k),
                    partitionValue(partitionGetters[k].getFieldOrNull(row), partitionTypes[k]));
        }
        return PartitionPathUtils.generatePartitionPath(spec);
    }

    private static String partitionValue(Object value, LogicalType type) {
        if (value == null) {
            return FileReaderFormat.DEFAULT_PARTITION_NAME;
        }
        if (!HdfsFiles.partitionType(type)) {
            throw new IllegalArgumentException("Partition columns cannot have type " + type);
        }
        String text =
                type.getTypeRoot() == LogicalTypeRoot.DATE
                        ? LocalDate.ofEpochDay((Integer) value).toString()
                        : value.toString();
        return text.isEmpty() ? FileReaderFormat.DEFAULT_PARTITION_NAME : text;
    }

    private OpenFile openFile(String partition, long now) throws IOException {
        String name =
                HdfsFiles.fileName(
                        config.filePrefix(),
                        runId,
                        subtask,
                        checkpoint,
                        attempt,
                        fileCount++,
                        config.format().extension());
        Path temp =
                new Path(
                        new Path(HdfsFiles.tempDir(root), partition.isEmpty() ? "." : partition),
                        name);
        Path target = new Path(partition.isEmpty() ? root : new Path(root, partition), name);
        FSDataOutputStream out;
        try {
            out = fs.create(temp, false);
        } catch (IOException e) {
            throw HadoopConf.describe("create", temp, e);
        }
        FileRowWriter writer = config.format().create(out, config.hadoop().configuration());
        OpenFile file = new OpenFile(temp, target, writer, now);
        open.put(partition, file);
        return file;
    }

    private void finish(OpenFile file) throws IOException {
        try {
            file.writer.finish();
        } catch (IOException e) {
            throw HadoopConf.describe("complete", file.temp, e);
        }
        // What completing wrote: Parquet and ORC write their last row group and footer only now.
        long bytes = file.writer.length() - file.length;
        if (bytes > 0) {
            file.length += bytes;
            bytesWritten += bytes;
        }
        closed.add(
                new HdfsCommittable(
                        file.temp.toString(),
                        file.target.toString(),
                        HdfsFiles.runPrefix(config.filePrefix(), runId),
                        config.writeMode() == WriteMode.OVERWRITE));
    }

    @Override
    public Collection<HdfsCommittable> prepareCommit() throws IOException {
        for (OpenFile file : open.values()) {
            finish(file);
        }
        open.clear();
        List<HdfsCommittable> result = new ArrayList<>(closed);
        closed.clear();
        return result;
    }

    @Override
    public List<HdfsWriterState> snapshotState(long checkpointId) {
        return List.of(new HdfsWriterState(runId));
    }

    @Override
    public void close() throws Exception {
        try {
            for (OpenFile file : open.values()) {
                file.writer.abort();
                fs.delete(file.temp, false);
            }
            open.clear();
            for (HdfsCommittable file : closed) {
                // Rolled but never handed to the committer: nobody will publish it.
                fs.delete(new Path(file.tempFile()), false);
            }
            closed.clear();
        } finally {
            fs.close();
        }
    }
}
