package org.flinkx.launcher.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every key a plugin of the original FlinkX/ChunJun knows, and what FlinkX does with it: a key that
 * maps one to one onto a FlinkX option, a key the plugin's translation reads itself, or a key
 * FlinkX does not honour (with the reason, reported as a warning). A key outside the table fails
 * the job naming the known ones. {@code docs/json-jobs.md} lists the same keys.
 */
final class KeyTable {

    /** What FlinkX does with one key. */
    record Key(String name, String option, String ignoredBecause, String translation) {

        boolean isOption() {
            return option != null;
        }

        boolean isIgnored() {
            return ignoredBecause != null;
        }
    }

    private final Map<String, Key> keys;

    private KeyTable(Map<String, Key> keys) {
        this.keys = Collections.unmodifiableMap(keys);
    }

    static Builder builder() {
        return new Builder();
    }

    Key get(String name) {
        return keys.get(name);
    }

    Map<String, Key> keys() {
        return keys;
    }

    /** What FlinkX does with the key, for docs/json-jobs.md. */
    static String describe(Key key) {
        if (key.isOption()) {
            return "`" + key.option() + "`";
        }
        return key.isIgnored() ? "ignored: " + key.ignoredBecause() : key.translation();
    }

    String known() {
        return String.join(", ", new TreeSet<>(keys.keySet()));
    }

    static final class Builder {
        private final Map<String, Key> keys = new LinkedHashMap<>();

        /** {@code name}'s value becomes the FlinkX option {@code option}, as it is. */
        Builder option(String name, String option) {
            return put(new Key(name, option, null, null));
        }

        /** The plugin's translation reads {@code name} itself, as {@code translation} says. */
        Builder read(String name, String translation) {
            return put(new Key(name, null, null, translation));
        }

        /** FlinkX does not honour {@code name}, because {@code why}: a warning when it is given. */
        Builder ignored(String name, String why) {
            return put(new Key(name, null, why, null));
        }

        private Builder put(Key key) {
            if (keys.put(key.name(), key) != null) {
                throw new IllegalStateException("key " + key.name() + " listed twice");
            }
            return this;
        }

        KeyTable build() {
            return new KeyTable(new LinkedHashMap<>(keys));
        }
    }
}
