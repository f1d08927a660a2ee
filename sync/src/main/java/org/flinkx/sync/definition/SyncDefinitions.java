package org.flinkx.sync.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.util.TimeUtils;

/**
 * Reads a sync definition from its text, YAML or JSON (a JSON document is YAML). An unknown key
 * fails naming it, where it is, and the keys allowed there; a missing required key, a regular
 * expression that does not compile, a target that is not {@code database.table} fail naming the
 * key.
 */
@PublicEvolving
public final class SyncDefinitions {

    private static final ObjectMapper YAML =
            YAMLMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .build();

    private static final Set<String> SOURCE_TYPES =
            Set.of("flinkx-mysql", "flinkx-mariadb", "flinkx-postgresql", "flinkx-binlog");
    private static final Set<String> SINK_TYPES =
            Set.of("flinkx-starrocks", "flinkx-postgresql", "flinkx-mariadb");

    private SyncDefinitions() {}

    /** The definition of a file's text. */
    public static SyncDefinition parse(String text) {
        SyncDefinition definition;
        try {
            definition = YAML.readValue(text, SyncDefinition.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ValidationException(
                    String.format(
                            "Unknown key '%s' at %s of the sync definition. Allowed there: %s.",
                            e.getPropertyName(), path(e), allowed(e.getKnownPropertyIds())));
        } catch (InvalidFormatException e) {
            throw new ValidationException(
                    String.format(
                            "Wrong value '%s' for '%s' of the sync definition: %s",
                            e.getValue(), path(e), e.getOriginalMessage()));
        } catch (MismatchedInputException e) {
            throw new ValidationException(
                    String.format(
                            "Wrong value for '%s' of the sync definition: %s",
                            path(e), e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new ValidationException(
                    "The sync definition is neither YAML nor JSON: " + e.getOriginalMessage());
        }
        check(definition);
        return definition;
    }

    private static void check(SyncDefinition definition) {
        if (definition == null) {
            throw new ValidationException("The sync definition is empty.");
        }
        SyncDefinition.Source source = required(definition.source(), "source");
        oneOf(required(source.type(), "source.type"), "source.type", SOURCE_TYPES);
        required(source.url(), "source.url");
        required(source.username(), "source.username");
        pattern(required(source.tables(), "source.tables"), "source.tables");
        SyncDefinition.Sink sink = required(definition.sink(), "sink");
        oneOf(required(sink.type(), "sink.type"), "sink.type", SINK_TYPES);
        List<SyncDefinition.Route> routes = definition.routes();
        for (int i = 0; i < routes.size(); i++) {
            String at = "routes[" + i + "]";
            SyncDefinition.Route route = routes.get(i);
            pattern(required(route.tables(), at + ".tables"), at + ".tables");
            required(route.target(), at + ".target");
        }
        if (definition.rescan() != null) {
            if (!source.type().equals("flinkx-binlog")) {
                throw new ValidationException(
                        "'rescan' follows the tables of a continuous sync: 'source.type' "
                                + source.type()
                                + " reads once; use flinkx-binlog, or leave 'rescan' out.");
            }
            String interval = required(definition.rescan().interval(), "rescan.interval");
            try {
                if (TimeUtils.parseDuration(interval).isZero()) {
                    throw new IllegalArgumentException("zero");
                }
            } catch (IllegalArgumentException e) {
                throw new ValidationException(
                        String.format(
                                "'rescan.interval' is '%s', which is not a positive duration "
                                        + "(e.g. '30 s', '5 min').",
                                interval));
            }
        }
        if (definition.ddl().mode() == SyncDefinition.DdlMode.FILES
                && definition.ddl().directory() == null) {
            throw new ValidationException(
                    "'ddl.mode' files needs 'ddl.directory': where the statements are written.");
        }
    }

    private static <T> T required(T value, String key) {
        if (value == null) {
            throw new ValidationException("The sync definition needs '" + key + "'.");
        }
        return value;
    }

    private static void oneOf(String value, String key, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw new ValidationException(
                    String.format(
                            "'%s' is '%s', which is not one of %s.",
                            key, value, allowed.stream().sorted().toList()));
        }
    }

    private static void pattern(String regex, String key) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ValidationException(
                    String.format("'%s' is not a regular expression: %s", key, e.getMessage()));
        }
    }

    private static String path(JsonMappingException e) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                parts.add(reference.getFieldName());
            } else if (reference.getIndex() >= 0 && !parts.isEmpty()) {
                parts.set(
                        parts.size() - 1,
                        parts.get(parts.size() - 1) + "[" + reference.getIndex() + "]");
            }
        }
        return parts.isEmpty() ? "the top" : String.join(".", parts);
    }

    private static List<String> allowed(java.util.Collection<Object> known) {
        return known.stream().map(String::valueOf).sorted().toList();
    }
}
