package org.flinkx.connector.common.sink;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.metrics.Counter;

import org.flinkx.connector.common.metrics.FlinkxMetrics;
import org.flinkx.connector.common.options.RateLimit;
import org.flinkx.connector.common.options.SinkBufferConfig;
import org.flinkx.connector.common.ratelimit.Throttle;

import java.io.IOException;
import java.util.Collection;

/**
 * The buffering half of FlinkX's sink core. Subclasses put records into a buffer ({@link
 * #addToBuffer}) and write the buffer into the target ({@link #writeBuffer}) — into an open
 * transaction for exactly-once, or committed at once otherwise. This class decides when: when the
 * buffer holds {@code maxRows} rows or {@code maxBytes} bytes, on the flush interval (a timer that
 * runs in the task's mailbox, so no second thread touches the buffer), on every checkpoint unless
 * the guarantee is {@code none}, and at the end of input. It also applies the rate limit and counts
 * Flink's standard {@code numRecordsSend}/{@code numBytesSend} and FlinkX's metrics.
 *
 * <p>{@link #prepareCommit()} runs at each checkpoint after the flush and hands the subclass's
 * transaction over as committables ({@link #prepareTransaction}).
 */
public abstract class BufferedSinkWriter<IN, CommT> implements CommittingSinkWriter<IN, CommT> {

    private final SinkBufferConfig buffer;
    private final DeliveryGuarantee guarantee;
    private final Throttle throttle;
    private final ProcessingTimeService timeService;
    private final Counter recordsSend;
    private final Counter bytesSend;
    protected final FlinkxMetrics metrics;

    private int bufferedRows;
    private long bufferedBytes;
    private boolean timerScheduled;

    protected BufferedSinkWriter(
            WriterInitContext context,
            SinkBufferConfig buffer,
            DeliveryGuarantee guarantee,
            RateLimit rateLimit) {
        this.buffer = buffer;
        this.guarantee = guarantee;
        this.throttle = Throttle.of(rateLimit);
        this.timeService = context.getProcessingTimeService();
        this.recordsSend = context.metricGroup().getNumRecordsSendCounter();
        this.bytesSend = context.metricGroup().getNumBytesSendCounter();
        this.metrics = FlinkxMetrics.forSink(context.metricGroup());
    }

    /**
     * Adds a record to the buffer.
     *
     * @return the estimated size of the record in bytes, or -1 if the record needs no write
     */
    protected abstract long addToBuffer(IN element) throws IOException, InterruptedException;

    /**
     * Writes everything buffered into the target and clears the buffer.
     *
     * @return the number of records that reached the target (bad records went to dirty storage)
     */
    protected abstract long writeBuffer() throws IOException, InterruptedException;

    /** Closes the current transaction for the checkpoint and returns it as committables. */
    protected abstract Collection<CommT> prepareTransaction() throws IOException, InterruptedException;

    @Override
    public void write(IN element, Context context) throws IOException, InterruptedException {
        long size = addToBuffer(element);
        if (size < 0) {
            return;
        }
        if (throttle != null) {
            throttle.acquire(1, size);
        }
        bufferedRows++;
        bufferedBytes += size;
        if ((buffer.maxRows() > 0 && bufferedRows >= buffer.maxRows())
                || (buffer.maxBytes() > 0 && bufferedBytes >= buffer.maxBytes())) {
            flushBuffer();
        } else {
            scheduleTimer();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        if (endOfInput || guarantee != DeliveryGuarantee.NONE) {
            flushBuffer();
        }
    }

    @Override
    public Collection<CommT> prepareCommit() throws IOException, InterruptedException {
        return prepareTransaction();
    }

    /** Writes the buffer now if it holds anything. */
    protected final void flushBuffer() throws IOException, InterruptedException {
        if (bufferedRows == 0) {
            return;
        }
        long bytes = bufferedBytes;
        long written = writeBuffer();
        bufferedRows = 0;
        bufferedBytes = 0;
        recordsSend.inc(written);
        bytesSend.inc(bytes);
        metrics.records(written, bytes);
    }

    protected final int bufferedRows() {
        return bufferedRows;
    }

    private void scheduleTimer() {
        if (timerScheduled || buffer.interval().isZero()) {
            return;
        }
        timerScheduled = true;
        long at = timeService.getCurrentProcessingTime() + buffer.interval().toMillis();
        timeService.registerTimer(
                at,
                time -> {
                    timerScheduled = false;
                    flushBuffer();
                });
    }
}
