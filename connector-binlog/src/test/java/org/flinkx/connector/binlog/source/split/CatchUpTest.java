package org.flinkx.connector.binlog.source.split;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a held binlog split becomes once a catch-up has read tables for it. */
class CatchUpTest {

    private static final BinlogPosition AT = new BinlogPosition("mysql-bin.000002", 400);

    /** The job: orders gained a column, tags and people are new to the split. */
    private static final Map<String, List<String>> NOW = new LinkedHashMap<>();

    static {
        NOW.put("shop.orders", List.of("id", "total", "extra"));
        NOW.put("shop.items", List.of("sku", "label"));
        NOW.put("shop.tags", List.of("tag_id", "tag"));
        NOW.put("shop.people", List.of("pid", "name"));
    }

    private static BinlogSplit held() {
        Map<String, List<String>> emitted = new LinkedHashMap<>();
        emitted.put("shop.orders", List.of("id", "total"));
        emitted.put("shop.items", List.of("sku", "label"));
        emitted.put("shop.gone", List.of("x")); // no longer captured
        return new BinlogSplit("{\"pos\":4}", List.of("history"), List.of(), emitted);
    }

    private static SnapshotChunk chunk(String table) {
        return new SnapshotChunk("shop", table, null, BigInteger.TEN, AT);
    }

    @Test
    void theTablesReadAreEmittedWithTheJobsColumnsAndOnlyGrownOnesAreReread() {
        BinlogSplit held = held();
        assertThat(CatchUp.needed(NOW, held))
                .containsExactly("shop.orders", "shop.tags", "shop.people");

        BinlogSplit split =
                CatchUp.caughtUp(
                        NOW,
                        held,
                        new SnapshotEvents.CaughtUp(
                                List.of(chunk("orders"), chunk("tags")),
                                List.of("shop.orders", "shop.tags", "shop.people")));

        assertThat(split.tables()).isEqualTo(NOW);
        assertThat(CatchUp.needed(NOW, split)).isEmpty();
        assertThat(split.reread())
                .as("emitted before with fewer columns; the new tables' targets have no rows")
                .containsExactly("shop.orders");
        assertThat(split.snapshotChunks()).containsExactly(chunk("orders"), chunk("tags"));
        assertThat(split.offset()).isEqualTo(held.offset());
        assertThat(split.schemaHistory()).isEqualTo(held.schemaHistory());
    }

    /**
     * A job restored in the middle of a catch-up that it needs more tables than: the restored
     * catch-up reads its own tables, and the split still needs the others (its reader holds it for
     * another catch-up). The tables read again by an earlier catch-up stay re-read while its chunks
     * are there.
     */
    @Test
    void aCatchUpOfFewerTablesLeavesTheOthersNeeded() {
        BinlogSplit earlier =
                CatchUp.caughtUp(
                        NOW,
                        held(),
                        new SnapshotEvents.CaughtUp(
                                List.of(chunk("orders")), List.of("shop.orders")));
        assertThat(earlier.tables())
                .containsOnlyKeys("shop.orders", "shop.items")
                .containsEntry("shop.orders", NOW.get("shop.orders"));
        assertThat(CatchUp.needed(NOW, earlier)).containsExactly("shop.tags", "shop.people");

        BinlogSplit later =
                CatchUp.caughtUp(
                        NOW,
                        earlier,
                        new SnapshotEvents.CaughtUp(
                                List.of(chunk("tags")), List.of("shop.tags", "shop.people")));
        assertThat(CatchUp.needed(NOW, later)).isEmpty();
        assertThat(later.reread()).containsExactly("shop.orders");
        assertThat(later.snapshotChunks()).containsExactly(chunk("orders"), chunk("tags"));
    }

    /** An enumerator restored from a version 4 state does not say: the tables asked for. */
    @Test
    void aCatchUpWithoutItsTablesReadWhatWasNeeded() {
        BinlogSplit split =
                CatchUp.caughtUp(
                        NOW, held(), new SnapshotEvents.CaughtUp(List.of(chunk("orders")), null));
        assertThat(CatchUp.needed(NOW, split)).isEmpty();
        assertThat(split.reread()).containsExactly("shop.orders");
    }
}
