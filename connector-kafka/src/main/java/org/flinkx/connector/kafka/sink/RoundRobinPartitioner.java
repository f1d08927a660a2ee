package org.flinkx.connector.kafka.sink;

import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.kafka.sink.KafkaPartitioner;

/**
 * {@code sink.partitioner} = {@code round-robin}: each subtask sends its messages to the topic's
 * partitions in turn, starting at a partition of its own (Kafka's default partitioner, which the
 * official connector uses for this value, sticks to one partition per batch instead).
 */
@Internal
public final class RoundRobinPartitioner<T> implements KafkaPartitioner<T> {

    private static final long serialVersionUID = 1L;
    private int next;

    @Override
    public void open(int parallelInstanceId, int parallelInstances) {
        next = parallelInstanceId;
    }

    @Override
    public int partition(T record, byte[] key, byte[] value, String topic, int[] partitions) {
        int partition = partitions[Math.floorMod(next, partitions.length)];
        next++;
        return partition;
    }
}
