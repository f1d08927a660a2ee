package org.flinkx.connector.es.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.expressions.CallExpression;
import org.apache.flink.table.expressions.FieldReferenceExpression;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.expressions.ValueLiteralExpression;
import org.apache.flink.table.functions.BuiltInFunctionDefinition;
import org.apache.flink.table.functions.BuiltInFunctionDefinitions;
import org.apache.flink.table.types.DataType;
import org.flinkx.connector.es.client.EsClient;
import org.junit.jupiter.api.Test;

/**
 * What {@link EsFilters} pushes, and what it leaves to Flink because the cluster would compare
 * otherwise: the translations are checked against a mapping of each field kind.
 */
class EsFiltersTest {

    private static final EsFilters FILTERS;

    static {
        try {
            FILTERS =
                    EsFilters.ofMappings(
                            EsClient.JSON.readTree(
                                    "{\"a\":{\"mappings\":{\"properties\":{"
                                            + "\"n\":{\"type\":\"long\"},"
                                            + "\"d\":{\"type\":\"double\"},"
                                            + "\"f\":{\"type\":\"float\"},"
                                            + "\"k\":{\"type\":\"keyword\"},"
                                            + "\"lower\":{\"type\":\"keyword\",\"normalizer\":\"lc\"},"
                                            + "\"t\":{\"type\":\"text\"},"
                                            + "\"b\":{\"type\":\"boolean\"},"
                                            + "\"day\":{\"type\":\"date\"},"
                                            + "\"both\":{\"type\":\"long\"}}}},"
                                            + "\"b\":{\"mappings\":{\"properties\":{"
                                            + "\"both\":{\"type\":\"keyword\"}}}}}"));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static FieldReferenceExpression field(String name, DataType type) {
        return new FieldReferenceExpression(name, type, 0, 0);
    }

    private static CallExpression call(
            BuiltInFunctionDefinition function, ResolvedExpression... args) {
        return CallExpression.permanent(function, List.of(args), DataTypes.BOOLEAN());
    }

    private static String pushed(ResolvedExpression filter) {
        Optional<ObjectNode> query = FILTERS.translate(filter);
        return query.map(ObjectNode::toString).orElse("not pushed");
    }

    @Test
    void numbersGoToIntegerAndDoubleFieldsOnly() {
        assertThat(
                        pushed(
                                call(
                                        BuiltInFunctionDefinitions.GREATER_THAN,
                                        field("n", DataTypes.BIGINT()),
                                        new ValueLiteralExpression(5L))))
                .isEqualTo("{\"range\":{\"n\":{\"gt\":5}}}");
        // literal first: the comparison is mirrored
        assertThat(
                        pushed(
                                call(
                                        BuiltInFunctionDefinitions.GREATER_THAN,
                                        new ValueLiteralExpression(5L),
                                        field("n", DataTypes.BIGINT()))))
                .isEqualTo("{\"range\":{\"n\":{\"lt\":5}}}");
        assertThat(
                        pushed(
                                call(
                                        BuiltInFunctionDefinitions.EQUALS,
                                        field("d", DataTypes.DOUBLE()),
                                        new ValueLiteralExpression(1.5))))
                .isEqualTo("{\"term\":{\"d\":1.5}}");
        // a float field rounds: 0.1 > 0.1f would be decided otherwise
        assertThat(
                        pushed(
                                call(
                                        BuiltInFunctionDefinitions.GREATER_THAN,
                                        field("f", DataTypes.DOUBLE()),
                                        new ValueLiteralExpression(0.1))))
                .isEqualTo("not pushed");
        // two indices map the field differently
        assertThat(
                        pushed(
                                call(
                                        BuiltInFunctionDefinitions.EQUALS,
                                        field("both", DataTypes.BIGINT()),
                                        new ValueLiteralExpression(1L))))
                .isEqualTo("not pushed");
    }

    @Test
    void stringsGoToPlainKeywordsOnly() {
        assertThat(
                        pushed(
                                call(
                                        BuiltInFunctionDefinitions.NOT_EQUALS,
                                        field("k", DataTypes.STRING()),
                                        new ValueLiteralExpression("paid"))))
                .isEqualTo("{\"bool\":{\"must_not\":[{\"term\":{\"k\":\"paid\"}}]}}");
        for (String name : List.of("t", "lower")) {
            assertThat(
                            pushed(
                                    call(
                                            BuiltInFunctionDefinitions.EQUALS,
                                            field(name, DataTypes.STRING()),
                                            new ValueLiteralExpression("Paid"))))
                    .as(name)
                    .isEqualTo("not pushed");
        }
    }

    @Test
    void datesCompareWholeDaysAndTimestampsWholeMilliseconds() {
        assertThat(
                        pushed(
                                call(
                                        BuiltInFunctionDefinitions.EQUALS,
                                        field("day", DataTypes.DATE()),
                                        new ValueLiteralExpression(LocalDate.of(2024, 1, 31)))))
                .isEqualTo(
                        "{\"range\":{\"day\":{\"gte\":\"2024-01-31\",\"lt\":\"2024-02-01\","
                                + "\"format\":\"strict_date_optional_time\"}}}");
        assertThat(
                        pushed(
                                call(
                                        BuiltInFunctionDefinitions.LESS_THAN_OR_EQUAL,
                                        field("day", DataTypes.DATE()),
                                        new ValueLiteralExpression(LocalDate.of(2024, 1, 31)))))
                .isEqualTo(
                        "{\"range\":{\"day\":{\"lt\":\"2024-02-01\","
                                + "\"format\":\"strict_date_optional_time\"}}}");
        assertThat(
                        pushed(
                                call(
                                        BuiltInFunctionDefinitions.GREATER_THAN_OR_EQUAL,
                                        field("day", DataTypes.TIMESTAMP(3)),
                                        new ValueLiteralExpression(
                                                LocalDateTime.of(
                                                        2024, 1, 31, 10, 0, 0, 5_000_000)))))
                .isEqualTo(
                        "{\"range\":{\"day\":{\"gte\":\"2024-01-31T10:00:00.005Z\","
                                + "\"format\":\"strict_date_optional_time\"}}}");
        // a microsecond the field cannot hold
        assertThat(
                        pushed(
                                call(
                                        BuiltInFunctionDefinitions.GREATER_THAN,
                                        field("day", DataTypes.TIMESTAMP(6)),
                                        new ValueLiteralExpression(
                                                LocalDateTime.of(2024, 1, 31, 10, 0, 0, 1_000)))))
                .isEqualTo("not pushed");
    }

    @Test
    void logicAndNullsCompose() {
        ResolvedExpression paid =
                call(
                        BuiltInFunctionDefinitions.EQUALS,
                        field("k", DataTypes.STRING()),
                        new ValueLiteralExpression("paid"));
        ResolvedExpression isTrue =
                call(
                        BuiltInFunctionDefinitions.EQUALS,
                        field("b", DataTypes.BOOLEAN()),
                        new ValueLiteralExpression(true));
        ResolvedExpression onText =
                call(
                        BuiltInFunctionDefinitions.EQUALS,
                        field("t", DataTypes.STRING()),
                        new ValueLiteralExpression("x"));
        assertThat(pushed(call(BuiltInFunctionDefinitions.OR, paid, isTrue)))
                .isEqualTo(
                        "{\"bool\":{\"should\":[{\"term\":{\"k\":\"paid\"}},"
                                + "{\"term\":{\"b\":true}}],\"minimum_should_match\":1}}");
        // one branch of an OR that stays with Flink keeps the whole OR there
        assertThat(pushed(call(BuiltInFunctionDefinitions.OR, paid, onText)))
                .isEqualTo("not pushed");
        assertThat(pushed(call(BuiltInFunctionDefinitions.IS_NULL, field("n", DataTypes.BIGINT()))))
                .isEqualTo("{\"bool\":{\"must_not\":[{\"exists\":{\"field\":\"n\"}}]}}");
        // a field the mapping does not know (dynamic: false) may still be in _source
        assertThat(
                        pushed(
                                call(
                                        BuiltInFunctionDefinitions.IS_NOT_NULL,
                                        field("unmapped", DataTypes.BIGINT()))))
                .isEqualTo("not pushed");
    }
}
