package org.flinkx.connector.es.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.ExceptionUtils;
import org.flinkx.connector.es.testutils.EsTestServer;
import org.flinkx.connector.jdbc.testutils.TestClusters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code flinkx-es} as a SQL source in the combinations the planner makes: projection, filters
 * (pushed where the mapping allows, and kept by Flink), metadata columns and lookup joins, on a
 * table that declares its columns in another order than the queries use them.
 */
class EsTableSourceITCase {

    @RegisterExtension static final MiniClusterExtension CLUSTER = TestClusters.withSlots(4);

    private static final String INDEX = "table-source";
    private static final int DOCS = 200;
    private static EsTestServer server;

    @BeforeAll
    static void fill() throws Exception {
        server = EsTestServer.shared();
        server.deleteIndex(INDEX);
        server.createIndex(
                INDEX,
                2,
                "{\"id\":{\"type\":\"long\"},\"qty\":{\"type\":\"integer\"},"
                        + "\"status\":{\"type\":\"keyword\"},\"note\":{\"type\":\"text\"},"
                        + "\"dt\":{\"type\":\"date\"},\"code\":{\"type\":\"keyword\"}}");
        Map<String, Object> documents = new LinkedHashMap<>();
        for (int i = 1; i <= DOCS; i++) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("id", i);
            doc.put("qty", i % 10);
            doc.put("status", i % 3 == 0 ? "paid" : "open");
            doc.put("note", "note number " + i);
            doc.put("dt", String.format("2024-01-%02dT10:00:00Z", 1 + i % 28));
            // one document whose 'code' does not fit an INT column: only reading it fails
            doc.put("code", i == 7 ? "not a number" : String.valueOf(i));
            documents.put(String.valueOf(i), doc);
        }
        server.index(INDEX, documents);
    }

    private static TableEnvironment batch() {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inBatchMode());
        tEnv.getConfig().set("parallelism.default", "2");
        tEnv.getConfig().set("restart-strategy.type", "none");
        declare(tEnv);
        return tEnv;
    }

    private static void declare(TableEnvironment tEnv) {
        tEnv.executeSql(
                "CREATE TABLE docs (note STRING, code INT, dt DATE, status STRING, "
                        + "src_index STRING METADATA FROM '_index' VIRTUAL, qty INT, "
                        + "doc_id STRING METADATA FROM '_id' VIRTUAL, id BIGINT, "
                        + "PRIMARY KEY (id) NOT ENFORCED) WITH ("
                        + "'connector' = 'flinkx-es', 'hosts' = '"
                        + server.url()
                        + "', 'index' = '"
                        + INDEX
                        + "', 'scan.fetch-size' = '37', 'errors.max-count' = '0')");
    }

    private static List<String> collect(TableEnvironment tEnv, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tEnv.executeSql(sql).collect()) {
            while (it.hasNext()) {
                Row row = it.next();
                List<String> fields = new ArrayList<>();
                for (int i = 0; i < row.getArity(); i++) {
                    fields.add(String.valueOf(row.getField(i)));
                }
                rows.add(String.join("|", fields));
            }
        }
        rows.sort(null);
        return rows;
    }

    /**
     * Projection, pushed filters on a keyword, an integer and a date field, and metadata columns:
     * the documents a plain Java filter picks, and the one document that does not fit its INT
     * column is never read (errors.max-count = 0 would fail the job): the filters went into the
     * query.
     */
    @Test
    void projectionFiltersAndMetadataTogether() throws Exception {
        List<String> rows =
                collect(
                        batch(),
                        "SELECT doc_id, qty, src_index, code FROM docs WHERE status = 'paid' "
                                + "AND qty >= 5 AND dt < DATE '2024-01-20' AND id <> 9");
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= DOCS; i++) {
            int day = 1 + i % 28;
            if (i % 3 == 0 && i % 10 >= 5 && day < 20 && i != 9) {
                expected.add(i + "|" + i % 10 + "|" + INDEX + "|" + i);
            }
        }
        expected.sort(null);
        assertThat(rows).isNotEmpty().isEqualTo(expected);
    }

    /**
     * A filter on a text field is not pushed (an analysed field does not compare as Flink does):
     * the source reads every document, and the one that does not fit fails the job with the error
     * limit's message naming the field.
     */
    @Test
    void filtersOnTextFieldsStayWithFlink() {
        TableEnvironment tEnv = batch();
        assertThatThrownBy(
                        () ->
                                collect(
                                        tEnv,
                                        "SELECT id, code FROM docs WHERE note = 'note number 3'"))
                .satisfies(
                        e ->
                                assertThat(ExceptionUtils.stringifyException(e))
                                        .contains("'code'")
                                        .contains("errors.max-count"));
    }

    /**
     * Lookup joins by the primary key (document ids) and by a keyword field (term queries), with
     * projection and a metadata column, through Flink's partial cache.
     */
    @Test
    void lookupJoinsByIdAndByTerm() throws Exception {
        TableEnvironment tEnv = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        tEnv.getConfig().set("parallelism.default", "2");
        tEnv.getConfig().set("restart-strategy.type", "none");
        tEnv.executeSql(
                "CREATE TABLE keys_src (k BIGINT, pt AS PROCTIME()) WITH ('connector' = "
                        + "'datagen', 'number-of-rows' = '12', 'fields.k.kind' = 'sequence', "
                        + "'fields.k.start' = '195', 'fields.k.end' = '206')");
        tEnv.executeSql(
                "CREATE TABLE docs (note STRING, status STRING, "
                        + "src_index STRING METADATA FROM '_index' VIRTUAL, qty INT, id BIGINT, "
                        + "PRIMARY KEY (id) NOT ENFORCED) WITH ("
                        + "'connector' = 'flinkx-es', 'hosts' = '"
                        + server.url()
                        + "', 'index' = '"
                        + INDEX
                        + "', 'lookup.cache' = 'PARTIAL', 'lookup.partial-cache.max-rows' = '100')");
        List<String> byId =
                collect(
                        tEnv,
                        "SELECT k, d.qty, d.src_index FROM keys_src LEFT JOIN docs FOR SYSTEM_TIME "
                                + "AS OF keys_src.pt AS d ON d.id = keys_src.k");
        List<String> expected = new ArrayList<>();
        for (long k = 195; k <= 206; k++) {
            expected.add(k <= DOCS ? k + "|" + k % 10 + "|" + INDEX : k + "|null|null");
        }
        expected.sort(null);
        assertThat(byId).isEqualTo(expected);

        tEnv.executeSql(
                "CREATE TEMPORARY VIEW statuses AS SELECT s, PROCTIME() AS pt FROM "
                        + "(VALUES ('paid'), ('none')) AS t(s)");
        List<String> byTerm =
                collect(
                        tEnv,
                        "SELECT s, d.id FROM statuses LEFT JOIN docs FOR SYSTEM_TIME AS OF "
                                + "statuses.pt AS d ON d.status = statuses.s");
        List<String> expectedByTerm = new ArrayList<>();
        expectedByTerm.add("none|null");
        for (int i = 3; i <= DOCS; i += 3) {
            expectedByTerm.add("paid|" + i);
        }
        expectedByTerm.sort(null);
        assertThat(byTerm).isEqualTo(expectedByTerm);
    }
}
