/**
 * The {@code flinkx-starrocks} connector (issue 14). The sink is not written yet; this module holds
 * for now the Stream Load test server in its test sources ({@code
 * org.flinkx.connector.starrocks.testserver.StarRocksTestServer}), published as the module's
 * test-jar.
 */
package org.flinkx.connector.starrocks;
