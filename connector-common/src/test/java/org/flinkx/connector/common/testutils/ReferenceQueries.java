package org.flinkx.connector.common.testutils;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs a query against a connector's table and the same query against an in-memory copy of its data
 * (a {@code VALUES} view), and compares the results row by row: how the planner-ability tests check
 * projection, filter, limit, metadata and lookup push-down without hard-coding results.
 *
 * <p>A query names the table as {@code {t}}; {@link #assertSame} replaces it with the connector's
 * table in one run and with the reference in the other. Results are compared as the tables they
 * materialize to (a changelog's retractions applied), so a streaming aggregate or outer join that
 * reaches the same end through other intermediate rows still compares equal.
 */
public final class ReferenceQueries {

    private final TableEnvironment tEnv;
    private final String table;
    private final String reference;

    /**
     * @param table what {@code {t}} stands for against the connector (a table name, or for a lookup
     *     join {@code "dim FOR SYSTEM_TIME AS OF f.pt"})
     * @param reference what {@code {t}} stands for against the in-memory copy
     */
    public ReferenceQueries(TableEnvironment tEnv, String table, String reference) {
        this.tEnv = tEnv;
        this.table = table;
        this.reference = reference;
    }

    /** The connector's rows equal the reference's, as multisets; the reference is not empty. */
    public void assertSame(String query) {
        List<String> expected = sorted(query.replace("{t}", reference));
        List<String> actual = sorted(query.replace("{t}", table));
        assertThat(expected).as("the reference result of %s", query).isNotEmpty();
        assertThat(actual).as(query).isEqualTo(expected);
    }

    /**
     * For a query with a {@code LIMIT} and no order: the connector returns {@code limit} rows (or
     * all when there are fewer), each of them one the reference returns without the limit.
     */
    public void assertLimited(String queryWithoutLimit, int limit) {
        List<String> all = sorted(queryWithoutLimit.replace("{t}", reference));
        List<String> actual = sorted(queryWithoutLimit.replace("{t}", table) + " LIMIT " + limit);
        assertThat(all)
                .as("the reference result of %s", queryWithoutLimit)
                .hasSizeGreaterThan(limit);
        assertThat(actual).as(queryWithoutLimit + " LIMIT " + limit).hasSize(limit);
        assertThat(all).as(queryWithoutLimit + " LIMIT " + limit).containsAll(actual);
    }

    /**
     * For a source that never ends (a snapshot followed by a change stream) and a query whose
     * result only grows: the connector's rows, once as many as the reference's, equal them; the job
     * is cancelled then. (A wrong result shows as a mismatch, or as a timeout when rows are
     * missing.)
     */
    public void assertSameUnbounded(String query) {
        List<String> expected = sorted(query.replace("{t}", reference));
        assertThat(expected).as("the reference result of %s", query).isNotEmpty();
        String sql = query.replace("{t}", table);
        TableResult result = tEnv.executeSql(sql);
        List<String> actual = new ArrayList<>();
        try (CloseableIterator<Row> it = result.collect()) {
            while (actual.size() < expected.size() && it.hasNext()) {
                apply(sql, actual, it.next());
            }
        } catch (Exception e) {
            throw new AssertionError("Query failed: " + sql, e);
        } finally {
            result.getJobClient().ifPresent(job -> job.cancel());
        }
        actual.sort(null);
        assertThat(actual).as(query).isEqualTo(expected);
    }

    /** The rows the query's result materializes to, sorted by their text. */
    private List<String> sorted(String sql) {
        List<String> rows = new ArrayList<>();
        try (CloseableIterator<Row> it = tEnv.executeSql(sql).collect()) {
            while (it.hasNext()) {
                apply(sql, rows, it.next());
            }
        } catch (Exception e) {
            throw new AssertionError("Query failed: " + sql, e);
        }
        rows.sort(null);
        return rows;
    }

    /** Applies one changelog row to the materialized rows. */
    private static void apply(String sql, List<String> rows, Row row) {
        RowKind kind = row.getKind();
        row.setKind(RowKind.INSERT);
        String text = row.toString();
        if (kind == RowKind.INSERT || kind == RowKind.UPDATE_AFTER) {
            rows.add(text);
        } else if (!rows.remove(text)) {
            throw new AssertionError(sql + " retracted a row it never produced: " + text);
        }
    }
}
