package org.flinkx.connector.starrocks.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.flinkx.connector.common.sink.Rejected;

/**
 * The rows a load's answer says StarRocks filtered, as bad records with the server's reasons: read
 * from the answer's {@code ErrorURL} (lines {@code Error: <reason>. Row: <row>}). Every filtered
 * row becomes one record, also those the error log does not list (StarRocks caps it) or when it
 * cannot be read: the count comes from {@code NumberFilteredRows}.
 */
@Internal
public final class FilteredRows {

    /** The kind of error in metrics and dirty records. */
    public static final String KIND = "filtered";

    private FilteredRows() {}

    public static List<Rejected> of(LoadAnswer answer, String location, StreamLoadClient client) {
        long filtered = answer.filteredRows();
        List<Rejected> rejected = new ArrayList<>();
        if (filtered <= 0) {
            return rejected;
        }
        String url = answer.errorUrl();
        String unlisted = "StarRocks filtered the row; its error log does not list it";
        if (url == null) {
            unlisted = "StarRocks filtered the row and gave no ErrorURL";
        } else {
            try {
                for (String line : client.errorLog(url).split("\n")) {
                    if (rejected.size() == filtered) {
                        break;
                    }
                    if (!line.isBlank()) {
                        rejected.add(parse(line, location));
                    }
                }
            } catch (IOException e) {
                unlisted =
                        "StarRocks filtered the row; its error log "
                                + url
                                + " cannot be read: "
                                + e.getMessage();
            }
        }
        while (rejected.size() < filtered) {
            rejected.add(
                    new Rejected(
                            location,
                            "(row "
                                    + (rejected.size() + 1)
                                    + " of "
                                    + filtered
                                    + " filtered, see "
                                    + url
                                    + ")",
                            KIND,
                            new IOException(unlisted)));
        }
        return rejected;
    }

    private static Rejected parse(String line, String location) {
        String reason = line;
        String row = line;
        int at = line.indexOf(". Row: ");
        if (line.startsWith("Error: ") && at > 0) {
            reason = line.substring("Error: ".length(), at);
            row = line.substring(at + ". Row: ".length());
        }
        return new Rejected(
                location, row, KIND, new IOException("StarRocks filtered the row: " + reason));
    }
}
