package org.flinkx.connector.hdfs.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import org.apache.hadoop.ipc.RemoteException;
import org.apache.hadoop.security.AccessControlException;
import org.junit.jupiter.api.Test;

/** Which failed commits (renames) the committer retries: a busy or unreachable name node only. */
class HdfsCommitterTest {

    @Test
    void anUnreachableOrBusyNameNodeIsTransient() {
        assertThat(HdfsCommitter.isTransientError(new IOException(new ConnectException("refused"))))
                .isTrue();
        assertThat(
                        HdfsCommitter.isTransientError(
                                new RemoteException(
                                        "org.apache.hadoop.hdfs.server.namenode.SafeModeException",
                                        "Name node is in safe mode")))
                .isTrue();
        assertThat(
                        HdfsCommitter.isTransientError(
                                new RemoteException(
                                        "org.apache.hadoop.ipc.StandbyException", "standby")))
                .isTrue();
    }

    @Test
    void aMissingFileOrADeniedPermissionIsPermanent() {
        assertThat(HdfsCommitter.isTransientError(new FileNotFoundException("gone"))).isFalse();
        assertThat(HdfsCommitter.isTransientError(new AccessControlException("denied"))).isFalse();
        assertThat(
                        HdfsCommitter.isTransientError(
                                new RemoteException(
                                        "org.apache.hadoop.fs.FileAlreadyExistsException", "x")))
                .isFalse();
        assertThat(HdfsCommitter.isTransientError(new IOException("disk full"))).isFalse();
    }
}
