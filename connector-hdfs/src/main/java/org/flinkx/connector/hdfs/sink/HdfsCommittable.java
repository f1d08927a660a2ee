package org.flinkx.connector.hdfs.sink;

import org.apache.flink.annotation.Internal;

/**
 * A closed data file waiting in the temporary directory to be published.
 *
 * @param tempFile where the file is now, under {@code <path>/.data/}
 * @param targetFile where the commit moves it
 * @param runPrefix the name prefix of every file of this run ({@code <prefix>-<run>-}); with {@code
 *     overwrite}, files of the target directory without it are replaced
 * @param overwrite whether the commit replaces the target directory's other files
 */
@Internal
public record HdfsCommittable(
        String tempFile, String targetFile, String runPrefix, boolean overwrite) {}
