package org.flinkx.connector.jdbc.testutils;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reviewed files on the test class path (expected DDL): {@link #reviewed} first writes what a test
 * generated to {@code target/generated-ddl/<name>}, so a changed result is a {@code diff} away from
 * the reviewed file.
 */
public final class ReviewedFiles {

    private ReviewedFiles() {}

    /** The reviewed file {@code name}, after writing {@code generated} beside the build output. */
    public static String reviewed(String name, String generated) throws IOException {
        Path file = Path.of("target", "generated-ddl", name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, generated, StandardCharsets.UTF_8);
        return resource(name);
    }

    /** A text resource of the test class path, as UTF-8. */
    public static String resource(String name) throws IOException {
        try (InputStream in = ReviewedFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("No resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
