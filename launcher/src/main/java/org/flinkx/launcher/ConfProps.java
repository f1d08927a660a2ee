package org.flinkx.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON object of {@code -confProp}: Flink settings by their Flink names (e.g. {@code
 * "execution.checkpointing.interval": "10s"}), and the original FlinkX's own keys, which are
 * translated: {@code flink.checkpoint.interval} and {@code flink.checkpoint.timeout}
 * (milliseconds), {@code flink.checkpoint.stateBackend} (the checkpoint directory) and {@code
 * flink.checkpoint.mode}. Any other {@code flink.*} key is not a Flink setting: it is reported and
 * ignored.
 */
final class ConfProps {

    private static final Map<String, String> LEGACY_MILLIS =
            Map.of(
                    "flink.checkpoint.interval", "execution.checkpointing.interval",
                    "flink.checkpoint.timeout", "execution.checkpointing.timeout");
    private static final Map<String, String> LEGACY =
            Map.of(
                    "flink.checkpoint.stateBackend", "execution.checkpointing.dir",
                    "flink.checkpoint.mode", "execution.checkpointing.mode");

    private ConfProps() {}

    /** The Flink settings of {@code json}; what is ignored goes into {@code warnings}. */
    static Map<String, String> parse(String json, List<String> warnings)
            throws LauncherOptions.UsageException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new LauncherOptions.UsageException(
                    "-confProp is not a JSON object: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new LauncherOptions.UsageException(
                    "-confProp must be a JSON object, not '" + json + "'");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (!value.isValueNode() || value.isNull()) {
                throw new LauncherOptions.UsageException(
                        "-confProp key '" + key + "' needs a string, number or boolean value");
            }
            String text = value.asText();
            if (LEGACY_MILLIS.containsKey(key)) {
                settings.put(LEGACY_MILLIS.get(key), text + " ms");
            } else if (LEGACY.containsKey(key)) {
                settings.put(LEGACY.get(key), text);
            } else if (key.startsWith("flink.")) {
                warnings.add(
                        "-confProp key '"
                                + key
                                + "' is ignored: FlinkX understands "
                                + String.join(", ", new java.util.TreeSet<>(legacyKeys()))
                                + " and Flink's own settings");
            } else {
                settings.put(key, text);
            }
        }
        return settings;
    }

    private static java.util.Set<String> legacyKeys() {
        java.util.Set<String> keys = new java.util.HashSet<>(LEGACY_MILLIS.keySet());
        keys.addAll(LEGACY.keySet());
        return keys;
    }
}
