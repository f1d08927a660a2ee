package org.flinkx.sync.definition;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.annotation.PublicEvolving;

/**
 * A whole-database sync as its definition file states it (docs/whole-database.md): the source
 * server and the tables it captures, the sink, the route rules from source tables to target tables,
 * and what happens with the generated target tables.
 *
 * @param source the server read, and which of its tables
 * @param sink the connector written, its options for every target
 * @param routes the route rules, the first that matches a table wins; a table no rule matches goes
 *     to the table of its own name
 * @param ddl what is done with the target tables' {@code CREATE TABLE} statements
 * @param rescan for a continuous sync: how often the source's tables are listed again, so that new
 *     tables and added columns are synced too (null: the tables and columns of the start)
 */
@PublicEvolving
public record SyncDefinition(
        Source source,
        Sink sink,
        @Nullable List<Route> routes,
        @Nullable Ddl ddl,
        @Nullable Rescan rescan) {

    public SyncDefinition {
        routes = routes == null ? List.of() : List.copyOf(routes);
        ddl = ddl == null ? new Ddl(null, null) : ddl;
    }

    /**
     * The source's tables listed again while a continuous sync runs ({@code bin/flinkx} in local or
     * standalone mode): when the sync's plan changes — a table that matches now, a column added to
     * a captured one — the job is stopped with a savepoint, the targets are created or get the
     * column, and the new job starts from the savepoint; its binlog stream first reads those
     * tables.
     *
     * @param interval how often, a duration ({@code 30 s}, {@code 1 min})
     * @param savepointDir where the savepoints go; unset: Flink's {@code
     *     execution.checkpointing.savepoint-dir}
     */
    public record Rescan(
            String interval, @JsonProperty("savepoint-dir") @Nullable String savepointDir) {}

    /**
     * The source.
     *
     * @param type the catalog type of the server: {@code flinkx-mysql}, {@code flinkx-mariadb},
     *     {@code flinkx-postgresql} or {@code flinkx-binlog}
     * @param url the server's JDBC URL
     * @param tables the captured tables: a regular expression that matches all of {@code
     *     database.table}
     * @param options further options of the catalog and defaults of its tables (its connector's
     *     options, e.g. {@code server-id})
     */
    public record Source(
            String type,
            String url,
            String username,
            @Nullable String password,
            String tables,
            @Nullable Map<String, String> options) {

        public Source {
            options = options == null ? Map.of() : Map.copyOf(options);
        }

        /** Without the password. */
        @Override
        public String toString() {
            return "Source[type="
                    + type
                    + ", url="
                    + url
                    + ", username="
                    + username
                    + ", tables="
                    + tables
                    + ", options="
                    + options.keySet()
                    + "]";
        }
    }

    /**
     * The sink.
     *
     * @param type the connector: {@code flinkx-starrocks}, {@code flinkx-postgresql}, {@code
     *     flinkx-mariadb}
     * @param options the connector's options for every target table (the table names aside)
     * @param starrocks how StarRocks target tables are created
     */
    public record Sink(
            String type,
            @Nullable Map<String, String> options,
            @Nullable StarRocksTables starrocks) {

        public Sink {
            options = options == null ? Map.of() : Map.copyOf(options);
            starrocks = starrocks == null ? new StarRocksTables(null, null) : starrocks;
        }

        /** Without the options' values (passwords). */
        @Override
        public String toString() {
            return "Sink[type=" + type + ", options=" + options.keySet() + "]";
        }
    }

    /**
     * The StarRocks primary-key tables generated.
     *
     * @param buckets the bucket count, unset for StarRocks' own choice
     * @param properties the tables' properties ({@code replication_num}, ...)
     */
    public record StarRocksTables(
            @Nullable Integer buckets, @Nullable Map<String, String> properties) {

        public StarRocksTables {
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }
    }

    /**
     * A route rule.
     *
     * @param tables the source tables it takes: a regular expression over all of {@code
     *     database.table}, with capture groups
     * @param target the target table, {@code database.table}, where {@code $1}, {@code $2}, ...
     *     (and {@code ${name}}) are the groups of the match
     * @param originColumns columns added to the target that name each row's origin: the column's
     *     name to {@code database} or {@code table}; they lead the target's key, so that rows of
     *     shards with the same key stay apart
     * @param primaryKey the target's key columns where the source has no primary key
     * @param options sink options of this rule's targets, over the sink's
     */
    public record Route(
            String tables,
            String target,
            @JsonProperty("origin-columns") @Nullable Map<String, Origin> originColumns,
            @JsonProperty("primary-key") @Nullable List<String> primaryKey,
            @Nullable Map<String, String> options) {

        public Route {
            originColumns = originColumns == null ? Map.of() : originColumns;
            primaryKey = primaryKey == null ? List.of() : List.copyOf(primaryKey);
            options = options == null ? Map.of() : Map.copyOf(options);
        }
    }

    /** What an origin column holds. */
    public enum Origin {
        @JsonProperty("database")
        DATABASE,
        @JsonProperty("table")
        TABLE
    }

    /**
     * What is done with the target tables' statements.
     *
     * @param mode {@code create} (default: tables that do not exist are created before the sync),
     *     {@code print} (to standard output, nothing created) or {@code files} (one file per target
     *     table in {@code directory}, nothing created)
     * @param directory where {@code files} writes
     */
    public record Ddl(@Nullable DdlMode mode, @Nullable String directory) {

        public Ddl {
            mode = mode == null ? DdlMode.CREATE : mode;
        }
    }

    /** See {@link Ddl#mode}. */
    public enum DdlMode {
        @JsonProperty("create")
        CREATE,
        @JsonProperty("print")
        PRINT,
        @JsonProperty("files")
        FILES
    }
}
