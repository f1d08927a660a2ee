package org.flinkx.connector.es.testframe;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.table.data.RowData;

/**
 * A sink that discards its records and, at the end of its input, waits until the test opens its
 * gate (at most {@value #MAX_WAIT_SECONDS} s). Chained behind a bounded source it keeps the task
 * running after the source read everything, so the source's metrics can be read through the REST
 * API before the job finishes (a finished task's metrics are gone). The gate lives in this JVM,
 * which runs the MiniCluster's tasks.
 */
final class HoldAtEnd implements Sink<RowData> {

    private static final long serialVersionUID = 1L;

    static final long MAX_WAIT_SECONDS = 120;

    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

    private final String gate;

    private HoldAtEnd(String gate) {
        this.gate = gate;
    }

    /** A sink with a new gate, closed; {@link #open} it by the returned sink's {@link #gate()}. */
    static HoldAtEnd closed() {
        String gate = UUID.randomUUID().toString();
        GATES.put(gate, new CountDownLatch(1));
        return new HoldAtEnd(gate);
    }

    String gate() {
        return gate;
    }

    static void open(String gate) {
        CountDownLatch latch = GATES.remove(gate);
        if (latch != null) {
            latch.countDown();
        }
    }

    @Override
    public SinkWriter<RowData> createWriter(WriterInitContext context) {
        CountDownLatch latch = GATES.get(gate);
        return new SinkWriter<>() {
            @Override
            public void write(RowData element, Context context) {}

            @Override
            public void flush(boolean endOfInput) throws InterruptedException {
                if (endOfInput && latch != null) {
                    latch.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
                }
            }

            @Override
            public void close() {}
        };
    }
}
