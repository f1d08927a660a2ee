package org.flinkx.connector.hdfs.format;

import java.io.IOException;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.table.data.RowData;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.flinkx.connector.hdfs.fs.HadoopOutputStreamAdapter;

/**
 * Parquet and ORC through Flink's bulk writers. A row is handed to the writer's column buffers, so
 * a row the writer rejects half-way cannot be taken back: such failures fail the job.
 */
abstract class BulkWriterFormat implements FileWriterFormat {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the bulk writer factory; called on the task, where the Hadoop settings are complete.
     */
    protected abstract BulkWriter.Factory<RowData> factory(Configuration conf);

    @Override
    public FileRowWriter create(FSDataOutputStream file, Configuration conf) throws IOException {
        BulkWriter<RowData> writer = factory(conf).create(new HadoopOutputStreamAdapter(file));
        return new FileRowWriter() {
            @Override
            public void write(RowData row) throws IOException {
                writer.addElement(row);
            }

            @Override
            public long length() {
                return file.getPos();
            }

            @Override
            public void finish() throws IOException {
                writer.finish();
                file.close();
            }

            @Override
            public void abort() {
                try {
                    file.close();
                } catch (IOException ignored) {
                    // the file is deleted next
                }
            }
        };
    }
}
