package org.flinkx.connector.es.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.table.expressions.CallExpression;
import org.apache.flink.table.expressions.FieldReferenceExpression;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.expressions.ValueLiteralExpression;
import org.apache.flink.table.functions.BuiltInFunctionDefinitions;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

/**
 * Translates Flink filters into the query DSL: comparisons of a column with a literal ({@code
 * term}, {@code range}), {@code IS [NOT] NULL} ({@code exists}), AND, OR and NOT ({@code bool}).
 * Flink applies every filter again, so a translation may match more documents than the filter,
 * never fewer; that is why a comparison is pushed only where the index's mapping makes the cluster
 * compare as Flink does: integer and {@code double} fields with numeric columns, {@code boolean}
 * with BOOLEAN, {@code keyword} fields without a normalizer with strings (both compare UTF-8
 * bytes), {@code date} fields with DATE and TIMESTAMP literals of whole milliseconds. Text fields
 * (analysed), {@code float} and {@code scaled_float} fields (rounded) and fields mapped differently
 * in two indices stay with Flink.
 */
final class EsFilters {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final Set<String> INTEGER_FIELDS = Set.of("long", "integer", "short", "byte");

    private static final Map<FunctionDefinition, String> RANGES =
            Map.of(
                    BuiltInFunctionDefinitions.GREATER_THAN, "gt",
                    BuiltInFunctionDefinitions.GREATER_THAN_OR_EQUAL, "gte",
                    BuiltInFunctionDefinitions.LESS_THAN, "lt",
                    BuiltInFunctionDefinitions.LESS_THAN_OR_EQUAL, "lte");

    private static final Map<String, String> MIRRORED =
            Map.of("gt", "lt", "gte", "lte", "lt", "gt", "lte", "gte");

    /** Each top-level field's type in the mapping (null where two indices disagree). */
    private final Map<String, String> fieldTypes;

    EsFilters(Map<String, String> fieldTypes) {
        this.fieldTypes = fieldTypes;
    }

    /**
     * The field types of a {@code GET /<index>/_mapping} answer: a field counts only where every
     * index maps it the same way, and a {@code keyword} with a normalizer counts as none.
     */
    static EsFilters ofMappings(JsonNode mappings) {
        Map<String, String> types = new HashMap<>();
        Iterator<JsonNode> indices = mappings.elements();
        while (indices.hasNext()) {
            JsonNode properties = indices.next().path("mappings").path("properties");
            Iterator<Map.Entry<String, JsonNode>> fields = properties.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode mapping = field.getValue();
                String type = mapping.path("type").asText("object");
                if (mapping.has("normalizer")) {
                    type = "normalized keyword";
                }
                String before = types.putIfAbsent(field.getKey(), type);
                if (before != null && !before.equals(type)) {
                    types.put(field.getKey(), "conflicting");
                }
            }
        }
        return new EsFilters(types);
    }

    /** The query of the filter, or empty if it stays with Flink. */
    Optional<ObjectNode> translate(ResolvedExpression expression) {
        if (!(expression instanceof CallExpression call)) {
            return Optional.empty();
        }
        FunctionDefinition function = call.getFunctionDefinition();
        List<ResolvedExpression> args = call.getResolvedChildren();
        if (args.size() == 2
                && (RANGES.containsKey(function)
                        || function == BuiltInFunctionDefinitions.EQUALS
                        || function == BuiltInFunctionDefinitions.NOT_EQUALS)) {
            String op = RANGES.getOrDefault(function, null);
            Optional<ObjectNode> direct = comparison(function, op, args.get(0), args.get(1));
            return direct.isPresent()
                    ? direct
                    : comparison(
                            function,
                            op == null ? null : MIRRORED.get(op),
                            args.get(1),
                            args.get(0));
        }
        if ((function == BuiltInFunctionDefinitions.IS_NULL
                        || function == BuiltInFunctionDefinitions.IS_NOT_NULL)
                && args.get(0) instanceof FieldReferenceExpression field
                && fieldTypes.containsKey(field.getName())) {
            ObjectNode exists = NODES.objectNode();
            exists.putObject("exists").put("field", field.getName());
            return Optional.of(
                    function == BuiltInFunctionDefinitions.IS_NULL ? not(exists) : exists);
        }
        if (function == BuiltInFunctionDefinitions.AND
                || function == BuiltInFunctionDefinitions.OR) {
            ObjectNode bool = NODES.objectNode();
            ArrayNode clauses =
                    bool.putObject("bool")
                            .putArray(
                                    function == BuiltInFunctionDefinitions.AND
                                            ? "filter"
                                            : "should");
            for (ResolvedExpression arg : args) {
                Optional<ObjectNode> part = translate(arg);
                if (part.isEmpty()) {
                    return Optional.empty();
                }
                clauses.add(part.get());
            }
            if (function == BuiltInFunctionDefinitions.OR) {
                ((ObjectNode) bool.get("bool")).put("minimum_should_match", 1);
            }
            return Optional.of(bool);
        }
        if (function == BuiltInFunctionDefinitions.NOT && args.size() == 1) {
            return translate(args.get(0)).map(EsFilters::not);
        }
        return Optional.empty();
    }

    private Optional<ObjectNode> comparison(
            FunctionDefinition function,
            String rangeOp,
            ResolvedExpression left,
            ResolvedExpression right) {
        if (!(left instanceof FieldReferenceExpression field)
                || !(right instanceof ValueLiteralExpression literal)
                || literal.isNull()) {
            return Optional.empty();
        }
        String name = field.getName();
        if (field.getOutputDataType().getLogicalType().getTypeRoot() == LogicalTypeRoot.DATE) {
            return dateComparison(function, rangeOp, name, literal);
        }
        Optional<JsonNode> value =
                value(fieldTypes.get(name), field.getOutputDataType().getLogicalType(), literal);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode query = NODES.objectNode();
        if (fieldTypes.get(name).equals("date")) {
            // a range in ISO-8601 whatever the field's own format; equality is [v, v]
            ObjectNode range = query.putObject("range").putObject(name);
            if (rangeOp != null) {
                range.set(rangeOp, value.get());
            } else {
                range.set("gte", value.get());
                range.set("lte", value.get());
            }
            range.put("format", "strict_date_optional_time");
        } else if (rangeOp != null) {
            query.putObject("range").putObject(name).set(rangeOp, value.get());
            return Optional.of(query);
        } else {
            query.putObject("term").set(name, value.get());
        }
        if (rangeOp != null) {
            return Optional.of(query);
        }
        return Optional.of(function == BuiltInFunctionDefinitions.NOT_EQUALS ? not(query) : query);
    }

    /**
     * A DATE column compares the day of a {@code date} field's instant (UTC), so each comparison
     * becomes a range of whole days: {@code = d} is {@code [d, d+1)}, {@code > d} is {@code >=
     * d+1}.
     */
    private Optional<ObjectNode> dateComparison(
            FunctionDefinition function,
            String rangeOp,
            String name,
            ValueLiteralExpression literal) {
        Optional<LocalDate> day = literal.getValueAs(LocalDate.class);
        if (!"date".equals(fieldTypes.get(name)) || day.isEmpty()) {
            return Optional.empty();
        }
        LocalDate d = day.get();
        ObjectNode query = NODES.objectNode();
        ObjectNode range = query.putObject("range").putObject(name);
        if (rangeOp == null) {
            range.put("gte", d.toString()).put("lt", d.plusDays(1).toString());
        } else {
            switch (rangeOp) {
                case "gt" -> range.put("gte", d.plusDays(1).toString());
                case "gte" -> range.put("gte", d.toString());
                case "lt" -> range.put("lt", d.toString());
                default -> range.put("lt", d.plusDays(1).toString());
            }
        }
        range.put("format", "strict_date_optional_time");
        return Optional.of(function == BuiltInFunctionDefinitions.NOT_EQUALS ? not(query) : query);
    }

    /** The literal as the field compares it, or empty where the field would compare otherwise. */
    private static Optional<JsonNode> value(
            String fieldType, LogicalType columnType, ValueLiteralExpression literal) {
        if (fieldType == null) {
            return Optional.empty();
        }
        LogicalTypeRoot root = columnType.getTypeRoot();
        switch (root) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> {
                if (!INTEGER_FIELDS.contains(fieldType) && !fieldType.equals("double")) {
                    return Optional.empty();
                }
                return literal.getValueAs(BigDecimal.class)
                        .filter(v -> v.stripTrailingZeros().scale() <= 0)
                        .map(v -> NODES.numberNode(v.longValueExact()));
            }
            case DOUBLE -> {
                if (!fieldType.equals("double")) {
                    return Optional.empty();
                }
                return literal.getValueAs(Double.class).map(NODES::numberNode);
            }
            case BOOLEAN -> {
                if (!fieldType.equals("boolean")) {
                    return Optional.empty();
                }
                return literal.getValueAs(Boolean.class).map(NODES::booleanNode);
            }
            case CHAR, VARCHAR -> {
                if (!fieldType.equals("keyword")) {
                    return Optional.empty();
                }
                return literal.getValueAs(String.class).map(NODES::textNode);
            }
            case TIMESTAMP_WITHOUT_TIME_ZONE -> {
                if (!fieldType.equals("date")) {
                    return Optional.empty();
                }
                return literal.getValueAs(LocalDateTime.class)
                        .filter(t -> t.getNano() % 1_000_000 == 0)
                        .map(t -> NODES.textNode(t + "Z"));
            }
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> {
                if (!fieldType.equals("date")) {
                    return Optional.empty();
                }
                return literal.getValueAs(Instant.class)
                        .filter(t -> t.getNano() % 1_000_000 == 0)
                        .map(t -> NODES.textNode(t.toString()));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static ObjectNode not(ObjectNode query) {
        ObjectNode not = NODES.objectNode();
        not.putObject("bool").putArray("must_not").add(query);
        return not;
    }
}
