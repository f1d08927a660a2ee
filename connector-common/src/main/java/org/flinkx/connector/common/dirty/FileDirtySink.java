package org.flinkx.connector.common.dirty;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Appends bad records as JSON lines ({@code time, connector, location, errorKind, error, record})
 * to one file per subtask. Each record is flushed at once, so nothing is lost when the job fails
 * right after it.
 */
final class FileDirtySink implements DirtySink {

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
        StringBuilder line = new StringBuilder(256);
        line.append('{');
        field(line, "time", Instant.now().toString()).append(',');
        field(line, "connector", record.connector()).append(',');
        field(line, "location", record.location()).append(',');
        field(line, "errorKind", record.errorKind()).append(',');
        field(line, "error", record.error()).append(',');
        field(line, "record", record.record()).append('}');
        writer.write(line.toString());
        writer.newLine();
        writer.flush();
    }

    Path file() {
        return file;
    }

    private static StringBuilder field(StringBuilder out, String name, String value) {
        out.append('"').append(name).append("\":");
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
