package org.flinkx.testserver.opensearch2;

import java.nio.file.Path;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * One OpenSearch 2.19.1 node on 127.0.0.1, for tests: {@code OpenSearchServer <http port>
 * <transport port> <data directory> [setting=value ...]}. Prints {@code READY <http port>} once the
 * node is yellow, and stops when its standard input closes (when the test JVM that started it
 * ends, too).
 */
public final class OpenSearchServer {

    private OpenSearchServer() {}

    public static void main(String[] args) throws Exception {
        int httpPort = Integer.parseInt(args[0]);
        int transportPort = Integer.parseInt(args[1]);
        Path data = Path.of(args[2]);
        OpenSearchRunner runner = new OpenSearchRunner();
        runner.onBuild(
                (number, settings) -> {
                    settings.put("network.host", "127.0.0.1");
                    settings.put("http.port", String.valueOf(httpPort));
                    settings.put("transport.port", String.valueOf(transportPort));
                    settings.put("action.auto_create_index", "true");
                    for (int i = 3; i < args.length; i++) {
                        int eq = args[i].indexOf('=');
                        settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
                    }
                });
        runner.setMaxHttpPort(httpPort);
        runner.build(
                OpenSearchRunner.newConfigs()
                        .numOfNode(1)
                        .baseHttpPort(httpPort - 1)
                        .clusterName("flinkx-test")
                        .basePath(data.toString()));
        runner.ensureYellow();
        System.out.println("READY " + httpPort);
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the parent closes the pipe
        }
        runner.close();
        runner.clean();
        System.exit(0);
    }
}
