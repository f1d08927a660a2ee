package org.flinkx.connector.hdfs.testutils;

import java.io.IOException;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS (Hadoop's {@link MiniDFSCluster}: a name node and a data node in this JVM) on
 * 127.0.0.1, started once per test JVM on first use and stopped when the JVM exits.
 */
public final class HdfsServer {

    private static MiniDFSCluster cluster;

    /** The file system URI, e.g. {@code hdfs://127.0.0.1:41234}. */
    public static synchronized String uri() throws IOException {
        if (cluster == null) {
            Configuration conf = new Configuration();
            java.nio.file.Path base = Files.createTempDirectory("flinkx-minidfs");
            conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
            conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
            conf.set("dfs.datanode.address", "127.0.0.1:0");
            conf.set("dfs.datanode.http.address", "127.0.0.1:0");
            conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
            conf.set("dfs.namenode.http-address", "127.0.0.1:0");
            // Small blocks, so that modest test files span several blocks and splits.
            conf.setLong("dfs.blocksize", 1024 * 1024);
            conf.setLong("dfs.namenode.fs-limits.min-block-size", 1024);
            cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
            cluster.waitActive();
            MiniDFSCluster started = cluster;
            Runtime.getRuntime().addShutdownHook(new Thread(started::shutdown));
        }
        return "hdfs://127.0.0.1:" + cluster.getNameNodePort();
    }

    /**
     * Stops the data node (its blocks stay on disk; writes through it fail), waits {@code down},
     * starts it again on the same ports and waits until the name node sees it.
     */
    public static synchronized void restartDataNode(java.time.Duration down) throws Exception {
        MiniDFSCluster.DataNodeProperties dataNode = cluster.stopDataNode(0);
        Thread.sleep(down.toMillis());
        cluster.restartDataNode(dataNode, true);
        cluster.waitActive();
    }

    /** A client of the test HDFS. */
    public static FileSystem fileSystem() throws IOException {
        Configuration conf = new Configuration();
        return new Path(uri() + "/").getFileSystem(conf);
    }

    private HdfsServer() {}
}
