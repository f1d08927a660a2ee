package org.flinkx.sync.ddl;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.flinkx.sync.definition.SyncDefinition;
import org.flinkx.sync.plan.TargetTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does with the planned target tables what {@code ddl.mode} says: {@code print} writes every
 * statement to the stream, {@code files} one file per target, {@code <database>.<table>.sql}, into
 * {@code ddl.directory}, and {@code create} creates the tables that do not exist (logging each
 * statement). Statements end with {@code ;}, the files with a line break.
 */
@PublicEvolving
public final class SyncDdl {

    private static final Logger LOG = LoggerFactory.getLogger(SyncDdl.class);

    private SyncDdl() {}

    /** The target tables of the definition's sink type. */
    public static TargetTables of(SyncDefinition definition) {
        return definition.sink().type().equals("flinkx-starrocks")
                ? new StarRocksTargetTables(definition)
                : new JdbcTargetTables(definition.sink());
    }

    /** Runs the definition's {@code ddl.mode} over the targets. */
    public static void run(SyncDefinition definition, List<TargetTable> targets, PrintStream out)
            throws IOException {
        try (TargetTables tables = of(definition)) {
            switch (definition.ddl().mode()) {
                case PRINT -> {
                    for (TargetTable target : targets) {
                        out.println(tables.statement(target) + ";");
                        out.println();
                    }
                }
                case FILES -> {
                    Path directory = Path.of(definition.ddl().directory());
                    Files.createDirectories(directory);
                    for (TargetTable target : targets) {
                        Path file = directory.resolve(target.path().getFullName() + ".sql");
                        Files.writeString(
                                file, tables.statement(target) + ";\n", StandardCharsets.UTF_8);
                        out.println("Wrote " + file);
                    }
                }
                case CREATE -> {
                    for (TargetTable target : targets) {
                        String statement = tables.statement(target);
                        if (tables.create(target)) {
                            LOG.info(
                                    "Created {} for {}:\n{}",
                                    target.path().getFullName(),
                                    target.sources(),
                                    statement);
                        }
                    }
                }
            }
        }
    }
}
