package org.flinkx.sync.job;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.annotation.PublicEvolving;
import org.flinkx.connector.jdbc.catalog.JdbcCatalog;
import org.flinkx.sync.ddl.SyncDdl;
import org.flinkx.sync.ddl.TargetTables;
import org.flinkx.sync.definition.SyncDefinition;
import org.flinkx.sync.definition.SyncDefinitions;
import org.flinkx.sync.plan.SyncPlanner;
import org.flinkx.sync.plan.TargetTable;

/**
 * A sync definition run by {@code bin/flinkx}: planned against the source server, then with {@code
 * ddl.mode} print or files the statements are printed or written and nothing else runs (the SQL is
 * empty); with {@code create} the missing target tables are created and the SQL of the sync job
 * ({@link SyncScript}) is returned. Explained ({@code --explain}), nothing is created: the
 * statements are printed as comments before the job's SQL, passwords masked.
 */
@PublicEvolving
public final class SyncJobs {

    private SyncJobs() {}

    /** A planned sync: its target tables and, for a continuous sync, its binlog table's options. */
    public record Plan(
            SyncDefinition definition,
            List<TargetTable> targets,
            @Nullable Map<String, String> changes) {

        /** The job's SQL ({@link SyncScript}); masked: passwords masked, not runnable. */
        public String script(boolean masked) {
            return SyncScript.of(definition, targets, changes, masked);
        }
    }

    /** The definition planned against its source server as it is now; nothing is created. */
    public static Plan plan(SyncDefinition definition) {
        List<TargetTable> targets;
        Map<String, String> changes = null;
        JdbcCatalog source = SyncPlanner.openSource(definition);
        try {
            targets = SyncPlanner.plan(definition, source);
            if (SyncScript.continuous(definition)) {
                SyncScript.requireKeys(targets);
                changes = SyncScript.changesOptions(source, targets);
            }
        } finally {
            source.close();
        }
        return new Plan(definition, targets, changes);
    }

    /**
     * Whether {@code bin/flinkx} follows the definition's source while the sync runs ({@link
     * SyncSupervisor}): a continuous sync with {@code rescan}.
     */
    public static boolean supervised(String definitionText) {
        SyncDefinition definition = SyncDefinitions.parse(definitionText);
        return SyncScript.continuous(definition) && definition.rescan() != null;
    }

    /** The SQL of the definition's sync, after its DDL step. */
    public static String script(String definitionText, boolean explain, PrintStream out)
            throws IOException {
        SyncDefinition definition = SyncDefinitions.parse(definitionText);
        Plan plan = plan(definition);
        List<TargetTable> targets = plan.targets();
        Map<String, String> changes = plan.changes();
        if (definition.ddl().mode() != SyncDefinition.DdlMode.CREATE) {
            SyncDdl.run(definition, targets, out);
            return "";
        }
        if (!explain) {
            SyncDdl.run(definition, targets, out);
            return SyncScript.of(definition, targets, changes, false);
        }
        StringBuilder explained = new StringBuilder();
        try (TargetTables tables = SyncDdl.of(definition)) {
            for (TargetTable target : targets) {
                explained.append("-- created unless it exists:\n");
                tables.statement(target)
                        .lines()
                        .forEach(line -> explained.append("-- ").append(line).append('\n'));
            }
        }
        return explained + SyncScript.of(definition, targets, changes, true);
    }
}
