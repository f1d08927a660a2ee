package org.flinkx.connector.binlog.debezium;

import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.flink.annotation.Internal;

/**
 * Whether a Debezium engine of this JVM streams the binlog: its streaming metrics (an MBean of
 * domain {@code debezium.mysql} or {@code debezium.mariadb}, tagged with the engine's name through
 * {@code custom.metric.tags}, see {@link DebeziumProperties}) say it is connected. Debezium starts
 * streaming only after its schema snapshot, so from then on the engine's schema history holds every
 * table's definition.
 */
@Internal
public final class EngineStreaming {

    private static final ObjectName STREAMING_METRICS = pattern();

    private EngineStreaming() {}

    /** Whether the engine {@code engineName} is connected to stream. */
    public static boolean connected(String engineName) {
        return connectedEngines().contains(engineName);
    }

    /** The names of the engines of this JVM that are connected to stream. */
    public static Set<String> connectedEngines() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<String> engines = new HashSet<>();
        for (ObjectName name : server.queryNames(STREAMING_METRICS, null)) {
            try {
                if (name.getKeyProperty("engine") != null
                        && Boolean.TRUE.equals(server.getAttribute(name, "Connected"))) {
                    engines.add(name.getKeyProperty("engine"));
                }
            } catch (JMException gone) {
                // the engine stopped meanwhile
            }
        }
        return engines;
    }

    private static ObjectName pattern() {
        try {
            return new ObjectName("debezium.*:type=connector-metrics,context=streaming,*");
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }
}
