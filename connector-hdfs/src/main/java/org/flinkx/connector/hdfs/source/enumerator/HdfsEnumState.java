package org.flinkx.connector.hdfs.source.enumerator;

import java.util.List;
import java.util.Set;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.file.src.FileSourceSplit;

/**
 * The enumerator's checkpoint: splits not yet assigned, the files already found (each file is read
 * once), and whether the initial listing is done (a bounded source never lists again).
 */
@Internal
public record HdfsEnumState(List<FileSourceSplit> pending, Set<String> seenFiles, boolean listed) {}
