package org.flinkx.connector.jdbc.sink;

import java.util.List;

/**
 * What a writer checkpoints: the transaction prefix and the subtask indexes whose leftover
 * transactions it is responsible for. After a rescale a writer receives the states of old subtasks
 * and cleans up their prepared transactions too.
 */
public record JdbcWriterState(String transactionPrefix, List<Integer> subtasks) {}
