package org.flinkx.connector.hdfs.sink;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.flinkx.connector.common.sink.AfterCommitsOperator;

/**
 * Runs once, after all writers and committers of a bounded job have published their files: writes
 * {@code _SUCCESS} into every directory that received a file of this run (with {@code
 * sink.success-file}) and removes the temporary directory when nothing is left in it. "Published"
 * means: no file of the run is left in {@code .data}.
 */
final class CommitFinisher extends AfterCommitsOperator<HdfsCommittable> {

    private static final long serialVersionUID = 1L;

    private final HdfsSinkConfig config;
    private transient ListState<String> runState;
    private transient String runId;
    private transient FileSystem fs;

    CommitFinisher(HdfsSinkConfig config) {
        this.config = config;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        runState =
                context.getOperatorStateStore()
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
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            if (fs != null) {
                fs.close();
            }
        }
    }

    private String runPrefix() {
        return HdfsFiles.runPrefix(config.filePrefix(), runId);
    }

    /**
     * Opened on the first poll and kept for the polls that follow (one client, not one per poll).
     */
    private FileSystem fileSystem() throws IOException {
        if (fs == null) {
            fs = config.hadoop().fileSystem(new Path(config.path()));
        }
        return fs;
    }

    @Override
    protected boolean commitsPending() throws Exception {
        Path root = new Path(config.path());
        return !filesOf(fileSystem(), HdfsFiles.tempDir(root), runPrefix(), false).isEmpty();
    }

    @Override
    protected String describe() {
        return "Files of this run in " + HdfsFiles.tempDir(new Path(config.path()));
    }

    @Override
    protected void afterCommits() throws Exception {
        Path root = new Path(config.path());
        FileSystem fs = fileSystem();
        if (config.successFile()) {
            Set<Path> directories = new TreeSet<>();
            for (Path file : filesOf(fs, root, runPrefix(), true)) {
                directories.add(file.getParent());
            }
            if (directories.isEmpty()) {
                directories.add(root);
            }
            for (Path directory : directories) {
                fs.create(new Path(directory, HdfsFiles.SUCCESS_FILE), true).close();
            }
            LOG.info(
                    "Wrote {} into {} directories under {}",
                    HdfsFiles.SUCCESS_FILE,
                    directories.size(),
                    root);
        }
        removeIfEmpty(fs, HdfsFiles.tempDir(root));
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
                    && !(skipTemp
                            && file.toUri().getPath().contains("/" + HdfsFiles.TEMP_DIR + "/"))) {
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
