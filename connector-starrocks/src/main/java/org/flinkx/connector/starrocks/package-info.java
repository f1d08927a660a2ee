/**
 * The {@code flinkx-starrocks} connector: a Stream Load sink into StarRocks ({@link
 * org.flinkx.connector.starrocks.sink.StarRocksSink}, at-least-once with labels or exactly-once
 * with Stream Load transactions) and its SQL factory. The Stream Load test server its tests run
 * against is in the test sources ({@code
 * org.flinkx.connector.starrocks.testserver.StarRocksTestServer}), published as the module's
 * test-jar.
 */
package org.flinkx.connector.starrocks;
