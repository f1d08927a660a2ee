package org.flinkx.sync.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.catalog.ObjectPath;
import org.apache.flink.table.catalog.ResolvedSchema;
import org.apache.flink.table.catalog.UniqueConstraint;
import org.apache.flink.table.types.DataType;
import org.flinkx.sync.plan.TargetTable;
import org.junit.jupiter.api.Test;

/** What the supervisor makes of a new plan against the running one. */
class SyncSupervisorGrowthTest {

    private static final ObjectPath ORDERS = new ObjectPath("lake", "orders");
    private static final ObjectPath SOURCE = new ObjectPath("shop", "orders");

    private static TargetTable target(
            ObjectPath path, List<ObjectPath> sources, Map<String, DataType> columns) {
        List<Column> physical =
                columns.entrySet().stream()
                        .<Column>map(c -> Column.physical(c.getKey(), c.getValue()))
                        .toList();
        ResolvedSchema schema =
                new ResolvedSchema(
                        physical, List.of(), UniqueConstraint.primaryKey("pk", List.of("id")));
        return new TargetTable(path, sources, List.of(), schema, Map.of(), Map.of(), Map.of());
    }

    private static final Map<String, DataType> RUNNING = new LinkedHashMap<>();

    static {
        RUNNING.put("id", DataTypes.BIGINT().notNull());
        RUNNING.put("note", DataTypes.STRING());
    }

    private static TargetTable running() {
        return target(ORDERS, List.of(SOURCE), new LinkedHashMap<>(RUNNING));
    }

    @Test
    void theSamePlanHasNotGrown() {
        assertThat(SyncSupervisor.grown(List.of(running()), List.of(running()))).isEmpty();
    }

    @Test
    void newTargetsShardsAndColumnsAreNamed() {
        Map<String, DataType> wider = new LinkedHashMap<>(RUNNING);
        wider.put("extra", DataTypes.INT());
        ObjectPath shard = new ObjectPath("shop", "orders_2");
        ObjectPath tags = new ObjectPath("lake", "tags");
        List<String> grown =
                SyncSupervisor.grown(
                        List.of(running()),
                        List.of(
                                target(ORDERS, List.of(SOURCE, shard), wider),
                                target(tags, List.of(new ObjectPath("shop", "tags")), RUNNING)));
        assertThat(grown)
                .containsExactly(
                        "new tables [shop.orders_2] into lake.orders",
                        "new columns [extra] of lake.orders (from [shop.orders, shop.orders_2])",
                        "new target lake.tags from [shop.tags]");
    }

    @Test
    void aRetypedColumnStopsTheSyncNamingBothTypes() {
        Map<String, DataType> retyped = new LinkedHashMap<>(RUNNING);
        retyped.put("note", DataTypes.INT());
        assertThatThrownBy(
                        () ->
                                SyncSupervisor.grown(
                                        List.of(running()),
                                        List.of(target(ORDERS, List.of(SOURCE), retyped))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Column 'note' of lake.orders (from [shop.orders])")
                .hasMessageContaining("changed its type from STRING to INT");
    }

    @Test
    void aDroppedColumnStopsTheSync() {
        assertThatThrownBy(
                        () ->
                                SyncSupervisor.grown(
                                        List.of(running()),
                                        List.of(
                                                target(
                                                        ORDERS,
                                                        List.of(SOURCE),
                                                        Map.of(
                                                                "id",
                                                                DataTypes.BIGINT().notNull())))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Column 'note' of lake.orders")
                .hasMessageContaining("was dropped or renamed");
    }
}
