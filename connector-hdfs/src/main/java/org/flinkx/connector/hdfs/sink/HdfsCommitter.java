package org.flinkx.connector.hdfs.sink;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.flinkx.connector.common.retry.ErrorClassifier;
import org.flinkx.connector.common.sink.TargetCommitter;
import org.flinkx.connector.hdfs.fs.HadoopConf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes closed files by renaming them from {@code .data} into place. Idempotent: a committable
 * whose file is already in place counts as committed, so a commit repeated after a restore is
 * harmless. A committable whose file is in neither place means data was lost: the job fails rather
 * than pretending.
 *
 * <p>With overwrite, the first commit of the run into a directory deletes the directory's files
 * that this run did not write (names without the run's prefix); repeating that is harmless too.
 */
final class HdfsCommitter implements TargetCommitter<HdfsCommittable> {

    private static final Logger LOG = LoggerFactory.getLogger(HdfsCommitter.class);

    private final HdfsSinkConfig config;
    private final FileSystem fs;
    private final Set<Path> overwritten = new HashSet<>();

    HdfsCommitter(HdfsSinkConfig config) throws IOException {
        this.config = config;
        this.fs = config.hadoop().fileSystem(new Path(config.path()));
    }

    @Override
    public boolean commit(HdfsCommittable committable) throws IOException {
        Path temp = new Path(committable.tempFile());
        Path target = new Path(committable.targetFile());
        if (committable.overwrite()) {
            replaceOldFiles(target.getParent(), committable.runPrefix());
        }
        return publish(temp, target);
    }

    @Override
    public ErrorClassifier errors() {
        return HdfsCommitter::isTransientError;
    }

    /**
     * Whether a failed rename may succeed when tried again: the name node unreachable, slow, in
     * safe mode or standby (after the client's own connection retries). A missing file or a denied
     * permission is permanent.
     */
    static boolean isTransientError(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof java.io.FileNotFoundException
                    || t instanceof org.apache.hadoop.security.AccessControlException) {
                return false;
            }
            String name =
                    t instanceof org.apache.hadoop.ipc.RemoteException remote
                            ? remote.getClassName()
                            : t.getClass().getName();
            if (t instanceof java.net.ConnectException
                    || t instanceof java.net.SocketTimeoutException
                    || t instanceof java.net.NoRouteToHostException
                    || SERVER_BUSY.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** Name node answers (remote exceptions, by class name) that a later attempt may not get. */
    private static final java.util.Set<String> SERVER_BUSY =
            java.util.Set.of(
                    "org.apache.hadoop.ipc.RetriableException",
                    "org.apache.hadoop.ipc.StandbyException",
                    "org.apache.hadoop.hdfs.server.namenode.SafeModeException");

    @Override
    public String describe(HdfsCommittable committable) {
        return "the file " + committable.targetFile();
    }

    @Override
    public String whenFailed(HdfsCommittable committable) {
        return "Its rows stay in '"
                + committable.tempFile()
                + "'; restarting the job from its last"
                + " checkpoint publishes it.";
    }

    /** Moves the file into place; false if an earlier attempt already did. */
    private boolean publish(Path temp, Path target) throws IOException {
        try {
            if (fs.exists(target)) {
                if (fs.exists(temp)) {
                    throw new IOException(
                            String.format(
                                    "Both '%s' and its published copy '%s' exist; refusing to guess which to keep.",
                                    temp, target));
                }
                return false;
            }
            if (!fs.exists(temp)) {
                throw new IOException(
                        String.format(
                                "The file '%s' to publish as '%s' is gone: it was deleted outside the job, or "
                                        + "two jobs with the same 'sink.file-prefix' write this directory.",
                                temp, target));
            }
            fs.mkdirs(target.getParent());
            if (!fs.rename(temp, target)) {
                throw new IOException(String.format("Renaming '%s' to '%s' failed.", temp, target));
            }
            return true;
        } catch (IOException e) {
            throw HadoopConf.describe("publish", target, e);
        }
    }

    private void replaceOldFiles(Path directory, String runPrefix) throws IOException {
        if (!overwritten.add(directory)) {
            return;
        }
        FileStatus[] files;
        try {
            files = fs.listStatus(directory);
        } catch (FileNotFoundException e) {
            return;
        }
        int deleted = 0;
        for (FileStatus file : files) {
            String name = file.getPath().getName();
            boolean old = !HdfsFiles.hidden(name) && !name.startsWith(runPrefix);
            if (file.isFile() && (old || name.equals(HdfsFiles.SUCCESS_FILE))) {
                if (!fs.delete(file.getPath(), false) && fs.exists(file.getPath())) {
                    throw new IOException(
                            "Cannot delete '" + file.getPath() + "' to overwrite it.");
                }
                deleted++;
            }
        }
        LOG.info("Overwrite: deleted {} earlier files from {}", deleted, directory);
    }

    @Override
    public void close() throws IOException {
        fs.close();
    }
}
