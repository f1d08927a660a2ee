package org.flinkx.connector.hdfs.sink;

import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.connector.sink2.CommittableMessage;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs once, in one task after all writers and committers, when a bounded job has published all
 * its files: writes {@code _SUCCESS} into every directory that received a file of this run (with
 * {@code sink.success-file}) and removes the temporary directory when nothing is left in it.
 *
 * <p>With checkpointing the last files are published when the final checkpoint completes, after
 * the input ended; the task closes its operators only after that checkpoint, so {@link #close()}
 * waits there until no file of the run is left in {@code .data}. An unbounded or failed job never
 * gets here.
 */
final class CommitFinisher extends AbstractStreamOperator<Void>
        implements OneInputStreamOperator<CommittableMessage<HdfsCommittable>, Void>, BoundedOneInput {

    private static final long serialVersionUID = 1L;
    private static final Duration COMMIT_WAIT = Duration.ofMinutes(10);

    private final HdfsSinkConfig config;
    private transient ListState<String> runState;
    private transient String runId;
    private transient boolean inputEnded;
    private transient boolean finished;
    private transient boolean done;

    CommitFinisher(HdfsSinkConfig config) {
        this.config = config;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        runState = context.getOperatorStateStore()
                .getUnionListState(new ListStateDescriptor<>("hdfs-run", Types.STRING));
        for (String id : runState.get()) {
            runId = id;
        }
        if (runId == null) {
            runId = getRuntimeContext().getJobInfo().getJobId().toHexString();
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        runState.update(List.of(runId));
    }

    @Override
    public void processElement(StreamRecord<CommittableMessage<HdfsCommittable>> element) {
        // Only the end of the input matters.
    }

    @Override
    public void endInput() throws Exception {
        inputEnded = true;
        boolean checkpointing = getRuntimeContext().getJobConfiguration()
                .getOptional(CheckpointingOptions.CHECKPOINTING_INTERVAL).isPresent();
        if (!checkpointing) {
            finishRun();
        }
    }

    @Override
    public void finish() throws Exception {
        super.finish();
        finished = true;
    }

    @Override
    public void close() throws Exception {
        try {
            if (finished && inputEnded && !done) {
                finishRun();
            }
        } finally {
            super.close();
        }
    }

    private void finishRun() throws Exception {
        Path root = new Path(config.path());
        String runPrefix = HdfsFiles.runPrefix(config.filePrefix(), runId);
        try (FileSystem fs = config.hadoop().fileSystem(root)) {
            Path temp = HdfsFiles.tempDir(root);
            long deadline = System.nanoTime() + COMMIT_WAIT.toNanos();
            while (!filesOf(fs, temp, runPrefix, false).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Files of this run were not published from " + temp
                            + " within " + COMMIT_WAIT + "; no success file was written.");
                }
                Thread.sleep(100);
            }
            if (config.successFile()) {
                Set<Path> directories = new TreeSet<>();
                for (Path file : filesOf(fs, root, runPrefix, true)) {
                    directories.add(file.getParent());
                }
                if (directories.isEmpty()) {
                    directories.add(root);
                }
                for (Path directory : directories) {
                    fs.create(new Path(directory, HdfsFiles.SUCCESS_FILE), true).close();
                }
                LOG.info("Wrote {} into {} directories under {}", HdfsFiles.SUCCESS_FILE, directories.size(), root);
            }
            removeIfEmpty(fs, temp);
        }
        done = true;
    }

    /** Files of the run under {@code dir}; {@code skipTemp} leaves out the temporary directory. */
    private static List<Path> filesOf(FileSystem fs, Path dir, String runPrefix, boolean skipTemp)
            throws IOException {
        List<Path> result = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> files;
        try {
            files = fs.listFiles(dir, true);
        } catch (FileNotFoundException e) {
            return result;
        }
        while (files.hasNext()) {
            Path file = files.next().getPath();
            if (file.getName().startsWith(runPrefix)
                    && !(skipTemp && file.toUri().getPath().contains("/" + HdfsFiles.TEMP_DIR + "/"))) {
                result.add(file);
            }
        }
        return result;
    }

    /** Deletes the directory if it holds no files other than run markers (directories only). */
    private static void removeIfEmpty(FileSystem fs, Path temp) throws IOException {
        RemoteIterator<LocatedFileStatus> files;
        try {
            files = fs.listFiles(temp, true);
        } catch (FileNotFoundException e) {
            return;
        }
        while (files.hasNext()) {
            FileStatus file = files.next();
            if (!file.getPath().getName().startsWith(".run-")) {
                return;
            }
        }
        fs.delete(temp, true);
    }
}
