package org.flinkx.connector.hdfs.source.enumerator;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.flinkx.connector.common.error.UnrecoverableException;
import org.flinkx.connector.common.source.JobErrorLimit;
import org.flinkx.connector.hdfs.fs.HadoopConf;
import org.flinkx.connector.hdfs.sink.HdfsFiles;
import org.flinkx.connector.hdfs.source.HdfsSourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the table's files through Hadoop's file system API (recursively, skipping names that start
 * with '.' or '_'), cuts splittable files at block bounds (or {@code source.split-size}) and hands
 * splits out on request, preferring splits with a block on the requesting host. With {@code
 * source.monitor-interval} it lists again at that interval and reads only files it has not seen.
 */
@Internal
public final class HdfsSplitEnumerator implements SplitEnumerator<FileSourceSplit, HdfsEnumState> {

    private static final Logger LOG = LoggerFactory.getLogger(HdfsSplitEnumerator.class);

    private final SplitEnumeratorContext<FileSourceSplit> context;
    private final HdfsSourceConfig config;
    private final JobErrorLimit errorLimit;
    private final Deque<FileSourceSplit> pending;
    private final Set<String> seenFiles;
    private final Set<Integer> waiting = new LinkedHashSet<>();
    private boolean listed;

    public HdfsSplitEnumerator(
            SplitEnumeratorContext<FileSourceSplit> context,
            HdfsSourceConfig config,
            @Nullable HdfsEnumState restored) {
        this.context = context;
        this.config = config;
        this.errorLimit = new JobErrorLimit(config.connector(), config.errorLimit());
        this.pending = new ArrayDeque<>(restored == null ? List.of() : restored.pending());
        // Read by the listing thread, written by the coordinator thread.
        this.seenFiles = ConcurrentHashMap.newKeySet();
        if (restored != null) {
            seenFiles.addAll(restored.seenFiles());
        }
        this.listed = restored != null && restored.listed();
    }

    @Override
    public void start() {
        if (config.monitorInterval() != null) {
            long interval = config.monitorInterval().toMillis();
            context.callAsync(this::listNewSplits, this::addSplits, 0, interval);
        } else if (!listed) {
            context.callAsync(this::listNewSplits, this::addSplits);
        }
    }

    private List<FileSourceSplit> listNewSplits() throws IOException {
        Path root = new Path(config.path());
        List<FileSourceSplit> splits = new ArrayList<>();
        try (FileSystem fs = config.hadoop().fileSystem(root)) {
            FileStatus top;
            try {
                top = fs.getFileStatus(root);
            } catch (FileNotFoundException e) {
                if (config.monitorInterval() != null) {
                    return splits; // the directory may appear later
                }
                throw new UnrecoverableException("The path '" + root + "' does not exist.", null);
            } catch (IOException e) {
                throw HadoopConf.describe("list", root, e);
            }
            List<FileStatus> files = new ArrayList<>();
            collect(fs, top, files);
            for (FileStatus file : files) {
                String name = file.getPath().toString();
                if (seenFiles.contains(name)) {
                    continue;
                }
                splits.addAll(split(fs, file));
            }
        }
        return splits;
    }

    private static void collect(FileSystem fs, FileStatus status, List<FileStatus> out)
            throws IOException {
        if (status.isFile()) {
            out.add(status);
            return;
        }
        FileStatus[] children = fs.listStatus(status.getPath());
        Arrays.sort(children);
        for (FileStatus child : children) {
            if (!HdfsFiles.hidden(child.getPath().getName())) {
                collect(fs, child, out);
            }
        }
    }

    private List<FileSourceSplit> split(FileSystem fs, FileStatus file) throws IOException {
        long size = file.getLen();
        List<FileSourceSplit> splits = new ArrayList<>();
        if (size == 0) {
            return splits;
        }
        org.apache.flink.core.fs.Path path =
                new org.apache.flink.core.fs.Path(file.getPath().toUri());
        String id = file.getPath().toString();
        long splitSize =
                config.splitSize() > 0 ? config.splitSize() : Math.max(file.getBlockSize(), 1);
        // one name node call per file; each split takes the hosts of the blocks it overlaps
        BlockLocation[] blocks = fs.getFileBlockLocations(file, 0, size);
        if (!config.format().splittable(file.getPath()) || size <= splitSize) {
            splits.add(
                    new FileSourceSplit(
                            id + "@0",
                            path,
                            0,
                            size,
                            file.getModificationTime(),
                            size,
                            hosts(blocks, 0, size)));
            return splits;
        }
        for (long offset = 0; offset < size; offset += splitSize) {
            long length = Math.min(splitSize, size - offset);
            splits.add(
                    new FileSourceSplit(
                            id + "@" + offset,
                            path,
                            offset,
                            length,
                            file.getModificationTime(),
                            size,
                            hosts(blocks, offset, length)));
        }
        return splits;
    }

    private static String[] hosts(BlockLocation[] blocks, long offset, long length)
            throws IOException {
        Set<String> hosts = new LinkedHashSet<>();
        for (BlockLocation block : blocks) {
            if (block.getOffset() < offset + length
                    && block.getOffset() + block.getLength() > offset) {
                hosts.addAll(Arrays.asList(block.getHosts()));
            }
        }
        hosts.remove("localhost");
        return hosts.toArray(new String[0]);
    }

    private void addSplits(List<FileSourceSplit> splits, Throwable error) {
        if (error != null) {
            throw new RuntimeException(
                    "Cannot list the files of " + config.path() + ": " + error.getMessage(), error);
        }
        // A listing may have started before the previous one's splits were added here: a file
        // counts only for the first listing that found it (all its splits come in that listing).
        Set<String> accepted = new HashSet<>();
        int added = 0;
        for (FileSourceSplit split : splits) {
            String file = split.path().toString();
            if (accepted.contains(file) || seenFiles.add(file)) {
                accepted.add(file);
                pending.add(split);
                added++;
            }
        }
        if (added > 0) {
            LOG.info(
                    "Found {} new splits in {} files under {}",
                    added,
                    accepted.size(),
                    config.path());
        }
        listed = true;
        for (Integer subtask : new ArrayList<>(waiting)) {
            assign(subtask, null);
        }
    }

    @Override
    public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {
        assign(subtaskId, requesterHostname);
    }

    private void assign(int subtask, @Nullable String host) {
        if (!context.registeredReaders().containsKey(subtask)) {
            waiting.remove(subtask);
            return;
        }
        FileSourceSplit split = take(host);
        if (split != null) {
            waiting.remove(subtask);
            context.assignSplit(split, subtask);
        } else if (listed && config.monitorInterval() == null) {
            waiting.remove(subtask);
            context.signalNoMoreSplits(subtask);
        } else {
            waiting.add(subtask);
        }
    }

    private FileSourceSplit take(@Nullable String host) {
        if (host != null) {
            for (FileSourceSplit split : pending) {
                if (Arrays.asList(split.hostnames()).contains(host)) {
                    pending.remove(split);
                    return split;
                }
            }
        }
        return pending.poll();
    }

    @Override
    public void addSplitsBack(List<FileSourceSplit> splits, int subtaskId) {
        splits.forEach(pending::addFirst);
    }

    @Override
    public void addReader(int subtaskId) {
        errorLimit.readerStarted(subtaskId);
    }

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent event) {
        errorLimit.handle(context, subtaskId, event);
    }

    @Override
    public HdfsEnumState snapshotState(long checkpointId) {
        return new HdfsEnumState(new ArrayList<>(pending), new HashSet<>(seenFiles), listed);
    }

    @Override
    public void close() {}
}
