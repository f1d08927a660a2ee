package org.flinkx.launcher.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code parameter} object of one reader or writer, checked against its plugin's {@link
 * KeyTable}: unknown keys fail, ignored keys are reported, option keys are copied.
 */
final class Parameters {

    private final String plugin;
    private final JsonNode node;
    private final KeyTable keys;

    Parameters(String plugin, JsonNode node, KeyTable keys, List<String> warnings) {
        this.plugin = plugin;
        this.node = node;
        this.keys = keys;
        if (!node.isObject()) {
            throw new IllegalArgumentException(plugin + ": 'parameter' must be an object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            KeyTable.Key key = keys.get(name);
            if (key == null) {
                throw new IllegalArgumentException(
                        plugin
                                + ": unknown parameter '"
                                + name
                                + "'; the parameters of "
                                + plugin
                                + " are "
                                + keys.known());
            }
            if (key.isIgnored()) {
                warnings.add(
                        plugin + ": parameter '" + name + "' is ignored: " + key.ignoredBecause());
            }
        }
    }

    String plugin() {
        return plugin;
    }

    /** The FlinkX options of the one-to-one keys that are given. */
    void copyOptions(Map<String, String> options) {
        for (KeyTable.Key key : keys.keys().values()) {
            if (key.isOption()) {
                text(key.name()).ifPresent(value -> options.put(key.option(), value));
            }
        }
    }

    Optional<JsonNode> node(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    /** A scalar's text (a string, number or boolean); empty when absent or an empty string. */
    Optional<String> text(String name) {
        return node(name)
                .map(
                        value -> {
                            if (!value.isValueNode()) {
                                throw new IllegalArgumentException(
                                        plugin
                                                + ": parameter '"
                                                + name
                                                + "' must be a "
                                                + "string, number or boolean, not "
                                                + value);
                            }
                            return value.asText();
                        })
                .filter(text -> !text.isEmpty());
    }

    String required(String name) {
        return text(name)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        plugin + ": parameter '" + name + "' is required"));
    }

    boolean flag(String name) {
        return text(name).map(Boolean::parseBoolean).orElse(false);
    }

    /** A string or an array of strings (FlinkX accepts both for lists). */
    List<String> texts(String name) {
        return node(name)
                .map(value -> texts(plugin + ": parameter '" + name + "'", value))
                .orElse(List.of());
    }

    static List<String> texts(String what, JsonNode value) {
        List<String> texts = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(
                    item -> {
                        if (!item.isValueNode()) {
                            throw new IllegalArgumentException(
                                    what + " must list strings, not " + item);
                        }
                        texts.add(item.asText());
                    });
        } else if (value.isValueNode()) {
            texts.add(value.asText());
        } else {
            throw new IllegalArgumentException(what + " must be a string or a list of strings");
        }
        return texts;
    }
}
