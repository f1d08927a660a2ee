package org.flinkx.connector.common.testutils;

import java.io.Serializable;
import org.apache.flink.api.common.functions.Partitioner;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Sends each element to the subtask a function names: for tests that need rows on given subtasks.
 */
public final class ToSubtask {

    /** The subtask an element goes to (taken modulo the parallelism). */
    @FunctionalInterface
    public interface SubtaskOf<T> extends Serializable {
        int of(T element);
    }

    /** {@code input}, each element sent to subtask {@code subtaskOf(element)} of the next step. */
    public static <T> DataStream<T> route(DataStream<T> input, SubtaskOf<T> subtaskOf) {
        return input.partitionCustom(new Modulo(), new Key<>(subtaskOf));
    }

    private static final class Key<T> implements KeySelector<T, Integer> {
        private static final long serialVersionUID = 1L;
        private final SubtaskOf<T> subtaskOf;

        Key(SubtaskOf<T> subtaskOf) {
            this.subtaskOf = subtaskOf;
        }

        @Override
        public Integer getKey(T element) {
            return subtaskOf.of(element);
        }
    }

    private static final class Modulo implements Partitioner<Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public int partition(Integer subtask, int subtasks) {
            return subtask % subtasks;
        }
    }

    private ToSubtask() {}
}
