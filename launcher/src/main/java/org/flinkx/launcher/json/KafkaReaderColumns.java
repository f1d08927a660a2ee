package org.flinkx.launcher.json;

import static org.flinkx.launcher.json.KafkaClientSettings.MESSAGE;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The columns of {@link KafkaReaderPlugin}'s table, as its {@code codec} says: {@code text}, one
 * STRING column read by Flink's {@code raw} format; {@code json}, the fields named by {@code
 * column}, read by Flink's {@code json} format (with the {@code json.timestamp-format.standard} the
 * columns' time formats need).
 */
final class KafkaReaderColumns {

    /** Timestamp patterns that Flink's JSON format reads as its {@code SQL} standard. */
    private static final Pattern SQL_TIMESTAMP =
            Pattern.compile("yyyy-MM-dd [Hh]{2}:mm:ss(\\.S+)?");

    /** Timestamp patterns that Flink's JSON format reads as its {@code ISO-8601} standard. */
    private static final Pattern ISO_TIMESTAMP =
            Pattern.compile("yyyy-MM-dd'T'[Hh]{2}:mm:ss(\\.S+)?");

    private KafkaReaderColumns() {}

    /** {@code codec} text: each message is one STRING column, read by Flink's raw format. */
    static void text(Parameters parameters, List<Columns.Spec> specs, TableDef table) {
        String plugin = parameters.plugin();
        if (specs.size() > 1) {
            throw new IllegalArgumentException(
                    plugin
                            + ": codec text reads each message as one column, not "
                            + specs.size()
                            + "; read the fields of JSON messages with codec json");
        }
        String name = MESSAGE;
        if (specs.size() == 1) {
            Columns.Spec spec = specs.get(0);
            if (spec.name() != null) {
                name = spec.name();
            }
            if (spec.type() != null && !ColumnTypes.ofName(name, spec.type()).equals("STRING")) {
                throw new IllegalArgumentException(
                        plugin
                                + ": codec text reads each message as a string, not as '"
                                + spec.type()
                                + "'; read typed fields of JSON messages with codec json");
            }
        }
        table.columns.add(TableDef.Column.of(name, "STRING"));
        table.options.put("format", "raw");
        parameters.text("encoding").ifPresent(charset -> table.options.put("raw.charset", charset));
    }

    /** {@code codec} json: the fields named by {@code column}, read by Flink's json format. */
    static void json(
            Parameters parameters,
            List<Columns.Spec> specs,
            TableDef table,
            List<String> warnings) {
        String plugin = parameters.plugin();
        if (specs.isEmpty()) {
            throw new IllegalArgumentException(
                    plugin
                            + ": codec json needs 'column', the fields to read with their names "
                            + "and types (FlinkX reads JSON into typed columns); read whole messages with codec text");
        }
        List<String> formats = timeFormats(parameters);
        String standard = null;
        for (int i = 0; i < specs.size(); i++) {
            Columns.Spec spec = specs.get(i);
            if (spec.name() == null) {
                throw new IllegalArgumentException(
                        plugin + ": column " + i + " needs a 'name' (the JSON field it reads)");
            }
            if (spec.value() != null) {
                String type =
                        spec.type() == null
                                ? "STRING"
                                : ColumnTypes.ofName(spec.name(), spec.type());
                table.columns.add(new TableDef.Column(spec.name(), type, spec.value()));
                continue;
            }
            if (spec.type() == null) {
                throw new IllegalArgumentException(
                        plugin + ": column '" + spec.name() + "' needs a 'type'");
            }
            String type = ColumnTypes.ofName(spec.name(), spec.type());
            table.columns.add(TableDef.Column.of(spec.name(), type));
            if (spec.name().equals(MESSAGE)) {
                warnings.add(
                        plugin
                                + ": column 'message' is the JSON field 'message'; ChunJun filled it "
                                + "with the whole message when the JSON had no such field (read whole messages with codec text)");
            }
            String format = formats.get(i);
            if (format != null) {
                String wanted = timestampStandard(plugin, spec.name(), type, format);
                if (wanted != null) {
                    if (standard != null && !standard.equals(wanted)) {
                        throw new IllegalArgumentException(
                                plugin
                                        + ": the time columns' formats mix 'yyyy-MM-dd HH:mm:ss' and "
                                        + "'yyyy-MM-dd'T'HH:mm:ss'; Flink's JSON format reads one of them per table");
                    }
                    standard = wanted;
                }
            }
        }
        table.options.put("format", "json");
        if ("ISO-8601".equals(standard)) {
            table.options.put("json.timestamp-format.standard", "ISO-8601");
        }
        parameters
                .text("encoding")
                .filter(
                        charset ->
                                !charset.replace("-", "").replace("_", "").equalsIgnoreCase("utf8"))
                .ifPresent(
                        charset ->
                                warnings.add(
                                        plugin
                                                + ": encoding '"
                                                + charset
                                                + "' is ignored: JSON messages are read as UTF-8"));
    }

    /** Each column's {@code format}, or null, in the order of {@code column}. */
    private static List<String> timeFormats(Parameters parameters) {
        List<String> formats = new ArrayList<>();
        parameters
                .node("column")
                .ifPresent(
                        columns ->
                                columns.forEach(
                                        column -> {
                                            JsonNode format =
                                                    column.isObject() ? column.get("format") : null;
                                            formats.add(
                                                    format == null
                                                                    || format.isNull()
                                                                    || format.asText().isEmpty()
                                                            ? null
                                                            : format.asText());
                                        }));
        return formats;
    }

    /**
     * The {@code json.timestamp-format.standard} a column's {@code format} needs: {@code SQL},
     * {@code ISO-8601}, or null for a date or time column in Flink's own format; fails for a format
     * Flink's JSON format does not read.
     */
    private static String timestampStandard(
            String plugin, String column, String type, String format) {
        if (type.startsWith("TIMESTAMP")) {
            if (SQL_TIMESTAMP.matcher(format).matches()) {
                return "SQL";
            }
            if (ISO_TIMESTAMP.matcher(format).matches()) {
                return "ISO-8601";
            }
        } else if (type.equals("DATE") && format.equals("yyyy-MM-dd")) {
            return null;
        } else if (type.startsWith("TIME(") && format.matches("[Hh]{2}:mm:ss")) {
            return null;
        }
        throw new IllegalArgumentException(
                plugin
                        + ": column '"
                        + column
                        + "' ("
                        + type
                        + ") has format '"
                        + format
                        + "', which Flink's JSON format does not read: it reads timestamps as "
                        + "'yyyy-MM-dd HH:mm:ss[.SSS]' or 'yyyy-MM-dd'T'HH:mm:ss[.SSS]', dates as 'yyyy-MM-dd', "
                        + "times as 'HH:mm:ss'; read the field as a string and convert it in a SQL job");
    }
}
