package org.flinkx.connector.starrocks.testserver;

import java.util.Map;

/**
 * One accepted row of a load: an upsert (or append, in a duplicate-key table) or a delete by key.
 * {@code values} hold the loaded columns only; for a partial update the others keep their value.
 */
record RowChange(boolean delete, Map<String, String> values, boolean partial) {}
