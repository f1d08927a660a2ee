package org.flinkx.connector.common.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransactionIdTest {

    @Test
    void bytesRoundTripAndOtherPrefixesAreNotRecognised() {
        TransactionId id = new TransactionId("fxjob", 7, 123456789L);
        assertThat(TransactionId.fromBytes("fxjob", id.toBytes())).isEqualTo(id);
        assertThat(TransactionId.fromBytes("fxjo", id.toBytes())).isNull();
        assertThat(TransactionId.fromBytes("other", id.toBytes())).isNull();
        assertThat(id.toString()).isEqualTo("fxjob-7-123456789");
    }
}
