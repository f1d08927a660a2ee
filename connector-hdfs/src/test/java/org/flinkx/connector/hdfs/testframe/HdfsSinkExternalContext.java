package org.flinkx.connector.hdfs.testframe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.external.ExternalSystemDataReader;
import org.apache.flink.connector.testframe.external.sink.DataStreamSinkV2ExternalContext;
import org.apache.flink.connector.testframe.external.sink.TestingSinkSettings;
import org.apache.flink.table.data.RowData;
import org.apache.hadoop.fs.Path;
import org.flinkx.connector.hdfs.config.FileFormat;
import org.flinkx.connector.hdfs.sink.HdfsSink;
import org.flinkx.connector.hdfs.testutils.HdfsServer;
import org.flinkx.connector.hdfs.testutils.TestFiles;
import org.flinkx.connector.jdbc.testframe.NewRowsReader;
import org.flinkx.connector.jdbc.testframe.TestRow;

/**
 * The HDFS sink in the connector testing framework, on the test HDFS: one target directory per
 * context, read back like a consumer that sees only published files (the hidden {@code .data}
 * directory is skipped), so uncommitted or duplicated data fails the suite. The file sink is
 * exactly-once under both framework semantics.
 */
public final class HdfsSinkExternalContext implements DataStreamSinkV2ExternalContext<TestRow> {

    private final FileFormat format;
    private final String directory;
    private final AtomicLong nextId = new AtomicLong(1);

    HdfsSinkExternalContext(FileFormat format) {
        this.format = format;
        try {
            this.directory =
                    HdfsServer.uri() + "/testframe-sink/" + format + "-" + UUID.randomUUID();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ExternalContextFactory<HdfsSinkExternalContext> factory(FileFormat format) {
        return testName -> new HdfsSinkExternalContext(format);
    }

    @Override
    public Sink<TestRow> createSink(TestingSinkSettings settings) {
        HdfsSink sink =
                HdfsSink.builder().path(directory).rowType(TestRow.ROW_TYPE).format(format).build();
        return asTestRowSink(sink);
    }

    /** A {@code Sink<RowData>} accepts every {@code TestRow}, which is a {@code RowData}. */
    @SuppressWarnings("unchecked")
    private static Sink<TestRow> asTestRowSink(Sink<RowData> sink) {
        return (Sink<TestRow>) (Sink<?>) sink;
    }

    @Override
    public ExternalSystemDataReader<TestRow> createSinkDataReader(TestingSinkSettings settings) {
        return new Reader();
    }

    /** 20 to 60 rows with ids unique in this context. */
    @Override
    public List<TestRow> generateTestData(TestingSinkSettings settings, long seed) {
        return TestRow.randomRows(nextId, seed, 20, 60);
    }

    @Override
    public TypeInformation<TestRow> getProducedType() {
        return TestRow.TYPE_INFO;
    }

    @Override
    public List<URL> getConnectorJarPaths() {
        return List.of();
    }

    @Override
    public void close() {}

    @Override
    public String toString() {
        return "HDFS sink, " + format + " files in " + directory;
    }

    /** The rows of the published files. */
    private final class Reader extends NewRowsReader {
        @Override
        protected List<TestRow> visibleRows() throws IOException {
            return TestFiles.readAll(format, new Path(directory));
        }
    }
}
