package org.flinkx.connector.jdbc.table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.table.expressions.CallExpression;
import org.apache.flink.table.expressions.FieldReferenceExpression;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.expressions.ValueLiteralExpression;
import org.apache.flink.table.functions.BuiltInFunctionDefinitions;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.types.logical.LogicalType;
import org.flinkx.connector.jdbc.dialect.JdbcDialect;

/**
 * Translates filter expressions into SQL conditions with parameters: comparisons of a column with a
 * literal, IS [NOT] NULL, AND, OR and NOT. Everything else stays with Flink.
 */
final class JdbcFilters {

    private static final Map<FunctionDefinition, String> COMPARISONS =
            Map.of(
                    BuiltInFunctionDefinitions.EQUALS, "=",
                    BuiltInFunctionDefinitions.NOT_EQUALS, "<>",
                    BuiltInFunctionDefinitions.GREATER_THAN, ">",
                    BuiltInFunctionDefinitions.GREATER_THAN_OR_EQUAL, ">=",
                    BuiltInFunctionDefinitions.LESS_THAN, "<",
                    BuiltInFunctionDefinitions.LESS_THAN_OR_EQUAL, "<=");

    private final JdbcDialect dialect;

    JdbcFilters(JdbcDialect dialect) {
        this.dialect = dialect;
    }

    /**
     * The condition as SQL, with its parameters added to {@code params}; empty if untranslatable.
     */
    Optional<String> translate(ResolvedExpression expression, List<Serializable> params) {
        if (!(expression instanceof CallExpression call)) {
            return Optional.empty();
        }
        FunctionDefinition function = call.getFunctionDefinition();
        List<ResolvedExpression> args = call.getResolvedChildren();
        String comparison = COMPARISONS.get(function);
        if (comparison != null && args.size() == 2) {
            return comparison(args.get(0), args.get(1), comparison, params)
                    .or(() -> comparison(args.get(1), args.get(0), mirror(comparison), params));
        }
        if ((function == BuiltInFunctionDefinitions.IS_NULL
                        || function == BuiltInFunctionDefinitions.IS_NOT_NULL)
                && args.get(0) instanceof FieldReferenceExpression field) {
            String suffix =
                    function == BuiltInFunctionDefinitions.IS_NULL ? " IS NULL" : " IS NOT NULL";
            return Optional.of(dialect.quoteIdentifier(field.getName()) + suffix);
        }
        if (function == BuiltInFunctionDefinitions.AND
                || function == BuiltInFunctionDefinitions.OR) {
            String operator = function == BuiltInFunctionDefinitions.AND ? " AND " : " OR ";
            StringBuilder sql = new StringBuilder("(");
            int mark = params.size();
            for (int i = 0; i < args.size(); i++) {
                Optional<String> part = translate(args.get(i), params);
                if (part.isEmpty()) {
                    params.subList(mark, params.size()).clear();
                    return Optional.empty();
                }
                sql.append(i == 0 ? "" : operator).append(part.get());
            }
            return Optional.of(sql.append(")").toString());
        }
        if (function == BuiltInFunctionDefinitions.NOT && args.size() == 1) {
            return translate(args.get(0), params).map(inner -> "NOT (" + inner + ")");
        }
        return Optional.empty();
    }

    private Optional<String> comparison(
            ResolvedExpression left,
            ResolvedExpression right,
            String operator,
            List<Serializable> params) {
        if (!(left instanceof FieldReferenceExpression field)
                || !(right instanceof ValueLiteralExpression literal)) {
            return Optional.empty();
        }
        Optional<Serializable> value = literalValue(literal);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        params.add(value.get());
        return Optional.of(dialect.quoteIdentifier(field.getName()) + " " + operator + " ?");
    }

    private static Optional<Serializable> literalValue(ValueLiteralExpression literal) {
        if (literal.isNull()) {
            return Optional.empty();
        }
        LogicalType type = literal.getOutputDataType().getLogicalType();
        Class<?> target =
                switch (type.getTypeRoot()) {
                    case BOOLEAN -> Boolean.class;
                    case TINYINT, SMALLINT, INTEGER, BIGINT -> Long.class;
                    case FLOAT, DOUBLE -> Double.class;
                    case DECIMAL -> BigDecimal.class;
                    case CHAR, VARCHAR -> String.class;
                    case DATE -> LocalDate.class;
                    case TIMESTAMP_WITHOUT_TIME_ZONE -> LocalDateTime.class;
                    case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> Instant.class;
                    default -> null;
                };
        if (target == null) {
            return Optional.empty();
        }
        if (target == Long.class) {
            return literal.getValueAs(Number.class).map(Number::longValue);
        }
        if (target == Double.class) {
            return literal.getValueAs(Number.class).map(Number::doubleValue);
        }
        return literal.getValueAs(target).map(Serializable.class::cast);
    }

    private static String mirror(String operator) {
        return switch (operator) {
            case ">" -> "<";
            case "<" -> ">";
            case ">=" -> "<=";
            case "<=" -> ">=";
            default -> operator;
        };
    }
}
