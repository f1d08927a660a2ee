package org.flinkx.connector.starrocks.sink;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.flinkx.connector.common.retry.ErrorClassifier;
import org.flinkx.connector.common.sink.FlinkxCommitter;
import org.flinkx.connector.common.sink.TargetCommitter;
import org.flinkx.connector.starrocks.load.LoadAnswer;
import org.flinkx.connector.starrocks.load.StreamLoadClient;
import org.flinkx.connector.starrocks.load.StreamLoadErrors;
import org.flinkx.connector.starrocks.load.StreamLoadException;
import org.flinkx.connector.starrocks.load.StreamLoadException.Kind;

/**
 * Commits prepared Stream Load transactions once their checkpoint is complete, for {@link
 * FlinkxCommitter} (which retries {@code TXN_IN_PROCESSING}, 5xx and lost connections). Idempotent:
 * a transaction StarRocks reports committed was committed before. A transaction StarRocks aborted
 * (its {@code prepared_timeout} ran out) fails the job: its rows are not in the table.
 */
final class StarRocksCommitter implements TargetCommitter<StarRocksCommittable> {

    private final StarRocksSinkConfig config;
    private final StreamLoadClient client;

    StarRocksCommitter(StarRocksSinkConfig config) {
        this.config = config;
        this.client = new StreamLoadClient(config.connection());
    }

    @Override
    public boolean commit(StarRocksCommittable committable) throws IOException {
        String label = committable.label();
        LoadAnswer answer =
                client.transaction(
                        "commit", Map.of("label", label, "db", committable.database()), null);
        if (answer.txnInProcessing()) {
            throw StarRocksWriter.retryLater(answer);
        }
        if (answer.is("OK")) {
            String message = answer.message() == null ? "" : answer.message();
            return !message.toLowerCase(Locale.ROOT).contains("already");
        }
        String state = client.loadState(committable.database(), label);
        if (state.equals("VISIBLE") || state.equals("COMMITTED")) {
            return false;
        }
        String why =
                state.equals("ABORTED")
                        ? "StarRocks aborted the prepared transaction, so its rows are not in the "
                                + "table: the commit came after its 'prepared_timeout' ("
                                + config.prepareHeaders().get("prepared_timeout")
                                + " s), or it was rolled back outside the job. Restore the job from "
                                + "an earlier checkpoint to write them again"
                        : "the label's state is " + state;
        throw new StreamLoadException(
                answer.node() + " answered " + answer.describe() + "; " + why,
                state.equals("ABORTED") ? Kind.UNRECOVERABLE : Kind.PERMANENT,
                false);
    }

    @Override
    public ErrorClassifier errors() {
        return StreamLoadErrors.CLASSIFIER;
    }

    @Override
    public String describe(StarRocksCommittable committable) {
        return "the Stream Load transaction "
                + committable.label()
                + " of "
                + committable.database()
                + "."
                + committable.table()
                + " at "
                + config.connection().feAddresses();
    }

    @Override
    public String whenFailed(StarRocksCommittable committable) {
        return "The transaction stays PREPARED on StarRocks (not visible) until its "
                + "'prepared_timeout' ("
                + config.prepareHeaders().get("prepared_timeout")
                + " s) runs out; restart the job from its last checkpoint before then to commit it, "
                + "or commit it by hand: POST /api/transaction/commit with the headers label: "
                + committable.label()
                + " and db: "
                + committable.database()
                + ".";
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
