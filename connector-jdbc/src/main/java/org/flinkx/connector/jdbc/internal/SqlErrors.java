package org.flinkx.connector.jdbc.internal;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Tells transient database errors (worth a retry) from permanent ones (bad data, bad SQL). */
public final class SqlErrors {

    /** Whether the error is worth a retry: a lost connection, a deadlock, a lock or other timeout. */
    public static boolean isTransient(SQLException e) {
        for (SQLException current = e; current != null; current = current.getNextException()) {
            if (current instanceof SQLTransientException || current instanceof SQLRecoverableException) {
                return true;
            }
            String state = current.getSQLState();
            if (state != null
                    && (state.startsWith("08") // connection exception
                            || state.equals("40001") // serialization failure, MySQL deadlock
                            || state.equals("40P01") // PostgreSQL deadlock
                            || state.equals("57P01") // PostgreSQL admin shutdown
                            || state.equals("HYT00"))) { // timeout
                return true;
            }
            int code = current.getErrorCode();
            if (code == 1213 || code == 1205) { // MySQL/MariaDB deadlock, lock wait timeout
                return true;
            }
            if (current == current.getNextException()) {
                break;
            }
        }
        return false;
    }

    /** A short category for metrics and dirty records. */
    public static String kind(SQLException e) {
        SQLException first = e instanceof BatchUpdateException && e.getNextException() != null
                ? e.getNextException()
                : e;
        String state = first.getSQLState();
        if (state == null) {
            return "sql-error";
        }
        if (state.startsWith("23")) {
            return "constraint-violation";
        }
        if (state.startsWith("22")) {
            return "data-error";
        }
        if (state.startsWith("42")) {
            return "syntax-or-access-error";
        }
        return "sql-" + state;
    }

    /** The message of the first exception in the chain that carries the cause. */
    public static String message(SQLException e) {
        SQLException next = e.getNextException();
        if (e instanceof BatchUpdateException && next != null && next.getMessage() != null) {
            return next.getMessage();
        }
        return e.getMessage();
    }

    private SqlErrors() {}
}
