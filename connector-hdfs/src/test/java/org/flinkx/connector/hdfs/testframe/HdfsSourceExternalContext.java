package org.flinkx.connector.hdfs.testframe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.external.ExternalSystemSplitDataWriter;
import org.apache.flink.connector.testframe.external.source.DataStreamSourceExternalContext;
import org.apache.flink.connector.testframe.external.source.TestingSourceSettings;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.hadoop.fs.Path;
import org.flinkx.connector.hdfs.config.FileFormat;
import org.flinkx.connector.hdfs.source.HdfsSource;
import org.flinkx.connector.hdfs.source.HdfsSourceBuilder;
import org.flinkx.connector.hdfs.testutils.HdfsServer;
import org.flinkx.connector.hdfs.testutils.TestFiles;
import org.flinkx.connector.jdbc.testframe.TestRow;

/**
 * The HDFS source in the connector testing framework, on the test HDFS: a context is one directory,
 * a framework split is a series of files in it ({@code split-<n>-<k>}, one per {@code writeRecords}
 * call, renamed into place when complete), so the rows of one call are read in order by one reader.
 * {@code BOUNDED} reads what is there; {@code CONTINUOUS_UNBOUNDED} monitors the directory and
 * reads files written later.
 */
public final class HdfsSourceExternalContext implements DataStreamSourceExternalContext<RowData> {

    static final Duration MONITOR_INTERVAL = Duration.ofMillis(200);

    private final FileFormat format;
    private final String directory;
    private final AtomicLong nextId = new AtomicLong(1);
    private int writers;

    HdfsSourceExternalContext(FileFormat format) {
        this.format = format;
        try {
            this.directory =
                    HdfsServer.uri() + "/testframe-source/" + format + "-" + UUID.randomUUID();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ExternalContextFactory<HdfsSourceExternalContext> factory(FileFormat format) {
        return testName -> new HdfsSourceExternalContext(format);
    }

    @Override
    public Source<RowData, ?, ?> createSource(TestingSourceSettings settings) {
        HdfsSourceBuilder builder =
                HdfsSource.builder()
                        .path(directory)
                        .rowType(TestRow.ROW_TYPE)
                        .format(format)
                        .batchSize(8);
        if (settings.getBoundedness() == Boundedness.CONTINUOUS_UNBOUNDED) {
            builder.monitorInterval(MONITOR_INTERVAL);
        }
        return builder.build();
    }

    @Override
    public ExternalSystemSplitDataWriter<RowData> createSourceSplitDataWriter(
            TestingSourceSettings settings) {
        int split = writers++;
        return new ExternalSystemSplitDataWriter<>() {
            private int files;

            @Override
            public void writeRecords(List<RowData> records) {
                Path file = new Path(directory, "split-" + split + "-" + files++);
                try {
                    TestFiles.write(format, file, records);
                } catch (IOException e) {
                    throw new UncheckedIOException("Writing " + file + " failed", e);
                }
            }

            @Override
            public void close() {}
        };
    }

    /** 10 to 40 rows with ids unique in this context. */
    @Override
    public List<RowData> generateTestData(
            TestingSourceSettings settings, int splitIndex, long seed) {
        return new ArrayList<>(TestRow.randomRows(nextId, seed, 10, 40));
    }

    @Override
    public TypeInformation<RowData> getProducedType() {
        return InternalTypeInfo.of(TestRow.ROW_TYPE);
    }

    @Override
    public List<URL> getConnectorJarPaths() {
        return List.of(); // the MiniCluster runs on the test class path
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return "HDFS source, " + format + " files in " + directory;
    }
}
