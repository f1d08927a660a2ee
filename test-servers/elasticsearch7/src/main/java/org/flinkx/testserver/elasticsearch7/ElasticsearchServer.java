package org.flinkx.testserver.elasticsearch7;

import java.nio.file.Path;
import org.codelibs.elasticsearch.runner.ElasticsearchClusterRunner;

/**
 * One Elasticsearch 7.10.2 node on 127.0.0.1, for tests: {@code ElasticsearchServer <http port>
 * <transport port> <data directory> [setting=value ...]}. Prints {@code READY <http port>} once the
 * node is yellow, and stops when its standard input closes (when the test JVM that started it
 * ends, too).
 */
public final class ElasticsearchServer {

    private ElasticsearchServer() {}

    public static void main(String[] args) throws Exception {
        int httpPort = Integer.parseInt(args[0]);
        int transportPort = Integer.parseInt(args[1]);
        Path data = Path.of(args[2]);
        ElasticsearchClusterRunner runner = new ElasticsearchClusterRunner();
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
                ElasticsearchClusterRunner.newConfigs()
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
