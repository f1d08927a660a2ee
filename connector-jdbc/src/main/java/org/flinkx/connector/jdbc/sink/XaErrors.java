package org.flinkx.connector.jdbc.sink;

import javax.transaction.xa.XAException;

/** Readable XA error codes. */
final class XaErrors {

    static String describe(XAException e) {
        String code =
                switch (e.errorCode) {
                    case XAException.XAER_NOTA -> "XAER_NOTA (unknown transaction)";
                    case XAException.XAER_RMFAIL -> "XAER_RMFAIL (the database is unavailable)";
                    case XAException.XAER_RMERR -> "XAER_RMERR (database error)";
                    case XAException.XAER_PROTO -> "XAER_PROTO (protocol error)";
                    case XAException.XAER_INVAL -> "XAER_INVAL (invalid arguments)";
                    case XAException.XAER_DUPID -> "XAER_DUPID (duplicate transaction id)";
                    case XAException.XA_RBROLLBACK -> "XA_RBROLLBACK (rolled back)";
                    default -> "XA error " + e.errorCode;
                };
        Throwable cause = e.getCause();
        String detail = e.getMessage() != null ? e.getMessage() : "";
        if (cause != null && cause.getMessage() != null && !detail.contains(cause.getMessage())) {
            detail = detail.isEmpty() ? cause.getMessage() : detail + ": " + cause.getMessage();
        }
        return detail.isEmpty() ? code : code + ": " + detail;
    }

    /** Whether a commit may succeed when tried again later. */
    static boolean isTransient(XAException e) {
        return e.errorCode == XAException.XAER_RMFAIL || e.errorCode == XAException.XA_RETRY;
    }

    /** Whether the transaction is unknown to the database, i.e. committed before. */
    static boolean isUnknownTransaction(XAException e) {
        if (e.errorCode == XAException.XAER_NOTA) {
            return true;
        }
        // pgjdbc reports an unknown prepared transaction as XAER_RMERR with SQL state 42704.
        Throwable cause = e.getCause();
        return cause instanceof java.sql.SQLException sql && "42704".equals(sql.getSQLState());
    }

    private XaErrors() {}
}
