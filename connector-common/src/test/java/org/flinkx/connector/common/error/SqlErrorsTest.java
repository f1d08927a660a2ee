package org.flinkx.connector.common.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.sql.SQLException;
import org.apache.flink.runtime.throwable.ThrowableClassifier;
import org.apache.flink.runtime.throwable.ThrowableType;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {

    @Test
    void badCredentialsAndUnknownObjectsAreUnrecoverable() {
        assertThat(
                        SqlErrors.isUnrecoverable(
                                new SQLException("password authentication failed", "28P01")))
                .isTrue();
        assertThat(SqlErrors.isUnrecoverable(new SQLException("Access denied", "28000", 1045)))
                .isTrue();
        assertThat(SqlErrors.isUnrecoverable(new SQLException("Unknown database", "42000", 1049)))
                .isTrue();
        assertThat(SqlErrors.isUnrecoverable(new SQLException("database does not exist", "3D000")))
                .isTrue();
        assertThat(SqlErrors.isUnrecoverable(new SQLException("relation does not exist", "42P01")))
                .isTrue();
        assertThat(
                        SqlErrors.isUnrecoverable(
                                new SQLException("Table doesn't exist", "42S02", 1146)))
                .isTrue();
    }

    @Test
    void lostConnectionsDeadlocksAndShutdownsAreRetried() {
        for (SQLException e :
                new SQLException[] {
                    new SQLException("Connection refused", "08001"),
                    new SQLException("deadlock", "40001", 1213),
                    new SQLException(
                            "terminating connection due to administrator command", "57P01"),
                    new SQLException("no state")
                }) {
            assertThat(SqlErrors.isUnrecoverable(e)).as(e.getMessage()).isFalse();
        }
    }

    @Test
    void anUnrecoverableErrorAnywhereInTheCausesSuppressesRestarts() {
        IOException wrapped =
                new IOException(
                        "reading failed",
                        new RuntimeException(
                                new SQLException("Access denied for user 'u'", "28000", 1045)));
        assertThatThrownBy(() -> SqlErrors.throwIfUnrecoverable("Reading t failed", wrapped))
                .isInstanceOf(UnrecoverableException.class)
                .hasMessage("Reading t failed")
                .satisfies(
                        e ->
                                assertThat(ThrowableClassifier.getThrowableType(e))
                                        .isEqualTo(ThrowableType.NonRecoverableError));
        SqlErrors.throwIfUnrecoverable(
                "transient", new IOException(new SQLException("gone", "08006")));
    }

    @Test
    void aMissingClassIsUnrecoverable() {
        Throwable missing = new RuntimeException(new NoClassDefFoundError("org/example/Gone"));
        assertThat(UnrecoverableException.ifClassMissing("Reading failed", missing))
                .hasMessageStartingWith(
                        "Reading failed: java.lang.NoClassDefFoundError: org/example/Gone")
                .hasMessageContaining("flink/lib");
        assertThat(UnrecoverableException.ifClassMissing("x", new IOException("timeout"))).isNull();
    }

    @Test
    void anExceededErrorLimitIsTheRootOfItsChain() {
        SQLException last = new SQLException("duplicate key", "23505");
        ErrorLimitExceededException e =
                new ErrorLimitExceededException("2 bad records passed the limit", last);
        assertThat(e.getCause()).isNull();
        assertThat(e.getSuppressed()).containsExactly(last);
        assertThat(ThrowableClassifier.getThrowableType(e))
                .isEqualTo(ThrowableType.NonRecoverableError);
    }
}
