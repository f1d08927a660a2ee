package org.flinkx.connector.es.client;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.annotation.Internal;

/**
 * What {@code GET /} says of a cluster: the distribution, its version and, for Elasticsearch 7, the
 * build flavor (the {@code oss} builds, and embedded nodes that report {@code unknown}, have no
 * point-in-time API: it is part of X-Pack).
 */
@Internal
public record ServerInfo(boolean openSearch, int major, int minor, String version, String flavor) {

    public static ServerInfo of(JsonNode root) {
        JsonNode version = root.path("version");
        String number = version.path("number").asText("");
        String[] parts = number.split("[.-]");
        int major = parts.length > 0 ? parseInt(parts[0]) : 0;
        int minor = parts.length > 1 ? parseInt(parts[1]) : 0;
        boolean openSearch = "opensearch".equals(version.path("distribution").asText(""));
        return new ServerInfo(
                openSearch, major, minor, number, version.path("build_flavor").asText("default"));
    }

    /**
     * Whether searches can run on a point in time: Elasticsearch 7.10+ (not OSS), OpenSearch 2.4+.
     */
    public boolean hasPointInTime() {
        if (openSearch) {
            return major > 2 || (major == 2 && minor >= 4);
        }
        if (major >= 8) {
            return true;
        }
        return major == 7 && minor >= 10 && "default".equals(flavor);
    }

    /**
     * Whether a point-in-time search sorts on {@code _shard_doc} (Elasticsearch 7.12+), the
     * tiebreaker that needs no field data; otherwise searches sort on {@code _index} and {@code
     * _id}.
     */
    public boolean hasShardDocSort() {
        return !openSearch && (major >= 8 || (major == 7 && minor >= 12));
    }

    /** {@code Elasticsearch 7.10.2} or {@code OpenSearch 2.19.1}. */
    public String describe() {
        return (openSearch ? "OpenSearch " : "Elasticsearch ") + version;
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
