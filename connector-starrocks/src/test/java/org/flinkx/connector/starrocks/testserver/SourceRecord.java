package org.flinkx.connector.starrocks.testserver;

import java.util.List;
import java.util.Map;

/**
 * One record of a load body before it meets the table: CSV fields by position or JSON fields by
 * name (exactly one of the two is set), and the raw text shown in the error log when it is
 * filtered. A null field value is SQL NULL ({@code \N} in CSV, {@code null} in JSON). A record may
 * carry a parse error instead of fields.
 */
record SourceRecord(
        String raw, List<String> positional, Map<String, String> named, String parseError) {

    static SourceRecord csv(String raw, List<String> fields) {
        return new SourceRecord(raw, fields, null, null);
    }

    static SourceRecord json(String raw, Map<String, String> fields) {
        return new SourceRecord(raw, null, fields, null);
    }

    static SourceRecord bad(String raw, String error) {
        return new SourceRecord(raw, null, null, error);
    }
}
