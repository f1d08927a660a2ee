package org.flinkx.connector.common.dirty;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Appends bad records as JSON lines ({@code time, connector, location, errorKind, error, record})
 * to one file per subtask. Each record is flushed at once, so nothing is lost when the job fails
 * right after it.
 */
final class FileDirtySink implements DirtySink {

    /** Flink's own (shaded) Jackson: one line of JSON per record, every string escaped. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final BufferedWriter writer;

    FileDirtySink(Path directory, String fileName) throws IOException {
        Files.createDirectories(directory);
        this.file = directory.resolve(fileName);
        this.writer =
                Files.newBufferedWriter(
                        file,
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
    }

    @Override
    public void write(DirtyRecord record) throws IOException {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", Instant.now().toString());
        line.put("connector", record.connector());
        line.put("location", record.location());
        line.put("errorKind", record.errorKind());
        line.put("error", record.error());
        line.put("record", record.record());
        writer.write(JSON.writeValueAsString(line));
        writer.newLine();
        writer.flush();
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
