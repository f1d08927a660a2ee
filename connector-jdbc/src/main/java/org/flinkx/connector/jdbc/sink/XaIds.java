package org.flinkx.connector.jdbc.sink;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.transaction.xa.Xid;
import org.flinkx.connector.common.sink.TransactionId;

/** XA ids of FlinkX transactions: a fixed format id, the {@link TransactionId} as global id. */
final class XaIds {

    /** 'FLKX'. */
    static final int FORMAT_ID = 0x464C4B58;

    private static final byte[] BRANCH = "fx".getBytes(StandardCharsets.US_ASCII);

    static Xid of(TransactionId id) {
        return new SimpleXid(id.toBytes());
    }

    /** The FlinkX transaction behind an XA id, or null when the id is not one of this prefix. */
    static TransactionId parse(Xid xid, String prefix) {
        if (xid.getFormatId() != FORMAT_ID) {
            return null;
        }
        return TransactionId.fromBytes(prefix, xid.getGlobalTransactionId());
    }

    private record SimpleXid(byte[] globalId) implements Xid {
        @Override
        public int getFormatId() {
            return FORMAT_ID;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return globalId.clone();
        }

        @Override
        public byte[] getBranchQualifier() {
            return BRANCH.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Xid x
                    && x.getFormatId() == FORMAT_ID
                    && Arrays.equals(x.getGlobalTransactionId(), globalId)
                    && Arrays.equals(x.getBranchQualifier(), BRANCH);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(globalId);
        }
    }

    private XaIds() {}
}
