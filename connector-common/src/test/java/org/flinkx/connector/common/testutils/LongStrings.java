package org.flinkx.connector.common.testutils;

import java.nio.charset.StandardCharsets;

/** Strings longer than {@code writeUTF} can write, for the state serializers' tests. */
public final class LongStrings {

    /**
     * A string of 72,000 chars and more (108,000 UTF-8 bytes and more, beyond {@code writeUTF}'s
     * 65,535) with a two-byte 'é' and a four-byte emoji (a surrogate pair) in every repetition,
     * starting with {@code prefix}.
     */
    public static String of(String prefix) {
        String value = prefix + "/dé\uD83D\uDE00-".repeat(12_000);
        if (value.length() <= 70_000 || value.getBytes(StandardCharsets.UTF_8).length <= 65_535) {
            throw new AssertionError("not long enough");
        }
        return value;
    }

    private LongStrings() {}
}
