package org.flinkx.connector.es.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.RowType;
import org.flinkx.connector.es.config.ScanMode;
import org.junit.jupiter.api.Test;

/** The DataStream builder validates once and names the option at fault. */
class EsSourceBuilderTest {

    private static EsSourceBuilder valid() {
        return EsSource.builder()
                .hosts("http://127.0.0.1:9200;https://es2:9201")
                .index("logs-*")
                .fields(
                        DataTypes.ROW(
                                DataTypes.FIELD("a", DataTypes.STRING()),
                                DataTypes.FIELD("n", DataTypes.BIGINT())))
                .metadata("_id", "_score");
    }

    @Test
    void buildsTheConfigurationAndTheProducedType() {
        EsSource source =
                valid().query("{\"match\":{\"a\":\"x\"}}")
                        .slices(3)
                        .fetchSize(200)
                        .mode(ScanMode.SCROLL)
                        .keepAlive(Duration.ofMinutes(2))
                        .username("reader")
                        .password("secret")
                        .build();
        EsSourceConfig config = source.config();
        assertThat(config.connector()).isEqualTo("flinkx-es");
        assertThat(config.connection().hosts()).hasSize(2);
        assertThat(config.connection().username()).isEqualTo("reader");
        assertThat(config.slices()).isEqualTo(3);
        assertThat(config.fetchSize()).isEqualTo(200);
        assertThat(config.mode()).isEqualTo(ScanMode.SCROLL);
        assertThat(config.metadata()).containsExactly("_id", "_score");
        RowType produced = source.producedType();
        assertThat(produced.getFieldNames()).containsExactly("a", "n", "_id", "_score");
        assertThat(produced.getTypeAt(3).asSummaryString()).isEqualTo("DOUBLE");
        assertThat(source.getProducedType().toString()).contains("_id");
        assertThat(config.toString()).doesNotContain("secret");
    }

    @Test
    void refusesInvalidSettings() {
        assertInvalid(b -> b.index(" "), "'index' is required");
        assertInvalid(b -> b.fields((RowType) null), "fields to read");
        assertInvalid(b -> b.query("[1]"), "'scan.query' must be a JSON object");
        assertInvalid(b -> b.query("{nope"), "'scan.query' must be a JSON object");
        assertInvalid(b -> b.slices(0), "'scan.slices' must be 1 or more");
        assertInvalid(b -> b.fetchSize(0), "'scan.fetch-size' must be between 1 and 10000");
        assertInvalid(b -> b.fetchSize(10_001), "'scan.fetch-size' must be between 1 and 10000");
        assertInvalid(b -> b.keepAlive(Duration.ZERO), "'scan.keep-alive' must be positive");
        assertInvalid(b -> b.metadata("_version"), "Unknown metadata column '_version'");
        assertInvalid(b -> b.metadata("_id", "_id"), "asked for twice");
        assertInvalid(b -> b.hosts("es:9200"), "Invalid value of 'hosts'");
        assertInvalid(b -> b.apiKey("k").username("u"), "not both");
        assertInvalid(
                b ->
                        b.fields(
                                DataTypes.ROW(
                                        DataTypes.FIELD("m", DataTypes.MULTISET(DataTypes.INT())))),
                "cannot be read into");
        assertInvalid(b -> b.fields(DataTypes.ROW()).metadata(), "at least one field");
        assertThatThrownBy(
                        () ->
                                EsSource.builder()
                                        .index("x")
                                        .fields(
                                                DataTypes.ROW(
                                                        DataTypes.FIELD("a", DataTypes.INT())))
                                        .build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'hosts' is required");
    }

    private static void assertInvalid(UnaryOperator<EsSourceBuilder> change, String message) {
        assertThatThrownBy(() -> change.apply(valid()).build())
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining(message);
    }
}
