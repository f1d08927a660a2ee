package org.flinkx.connector.common.testutils;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bytes of state written by released versions, kept under {@code src/test/resources/serializer/}. A
 * new version adds a new file (written once with {@code -Dflinkx.golden.write=true}); old files are
 * never changed, so a change that breaks restoring old state fails a test.
 */
public final class GoldenFiles {

    /** Returns the golden bytes; writes {@code current} as the golden file when asked to. */
    public static byte[] read(String name, byte[] current) throws IOException {
        if (Boolean.getBoolean("flinkx.golden.write")) {
            Path file = Path.of("src/test/resources/serializer", name);
            Files.createDirectories(file.getParent());
            Files.write(file, current);
            return current;
        }
        return released(name);
    }

    /** The golden bytes of a format that is no longer written (never rewritten). */
    public static byte[] released(String name) throws IOException {
        try (InputStream in = GoldenFiles.class.getResourceAsStream("/serializer/" + name)) {
            if (in == null) {
                throw new IOException("Missing golden file serializer/" + name);
            }
            return in.readAllBytes();
        }
    }

    private GoldenFiles() {}
}
