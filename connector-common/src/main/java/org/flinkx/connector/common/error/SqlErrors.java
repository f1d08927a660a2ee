package org.flinkx.connector.common.error;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.apache.flink.annotation.Internal;
import org.flinkx.connector.common.retry.ErrorClassifier;
import org.flinkx.connector.common.retry.RetryPolicy;

/**
 * Tells JDBC errors worth a retry (a lost connection, a deadlock, a timeout) from those no retry or
 * restart cures (bad credentials, unknown objects, bad SQL): for every connector that talks to a
 * database through JDBC.
 */
@Internal
public final class SqlErrors {

    /** {@link #isTransient} and {@link #message} for the {@link RetryPolicy}. */
    public static final ErrorClassifier CLASSIFIER =
            new ErrorClassifier() {
                private static final long serialVersionUID = 1L;

                @Override
                public boolean isTransient(Throwable error) {
                    SQLException sql = find(error);
                    return sql != null && SqlErrors.isTransient(sql);
                }

                @Override
                public boolean isUnrecoverable(Throwable error) {
                    SQLException sql = find(error);
                    return sql != null && SqlErrors.isUnrecoverable(sql);
                }

                @Override
                public String describe(Throwable error) {
                    SQLException sql = find(error);
                    return sql == error ? message(sql) : String.valueOf(error.getMessage());
                }
            };

    /** The first {@link SQLException} in {@code error}'s cause chain, or null. */
    private static SQLException find(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /**
     * Whether the error is worth a retry: a lost connection, a deadlock, a lock or other timeout.
     */
    public static boolean isTransient(SQLException e) {
        for (SQLException current = e; current != null; current = current.getNextException()) {
            if (current instanceof SQLTransientException
                    || current instanceof SQLRecoverableException) {
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

    /**
     * Whether neither a retry nor a job restart can cure the error: bad credentials, missing
     * privileges, an unknown database, schema, table or column, SQL the server rejects.
     */
    public static boolean isUnrecoverable(SQLException e) {
        for (SQLException current = e; current != null; current = current.getNextException()) {
            String state = current.getSQLState();
            if (state != null
                    && (state.startsWith("28") // invalid authorization
                            || state.startsWith("42") // syntax error or access rule violation
                            || state.equals("3D000") // unknown database (PostgreSQL)
                            || state.equals("3F000"))) { // unknown schema
                return true;
            }
            int code = current.getErrorCode();
            if (code == 1044
                    || code == 1045
                    || code == 1049) { // MariaDB/MySQL: access denied, unknown database
                return true;
            }
            if (current == current.getNextException()) {
                break;
            }
        }
        return false;
    }

    /**
     * Throws an {@link UnrecoverableException} (the job fails without restarts) with {@code
     * message} when an {@link SQLException} among the failure's causes (it may come from a library
     * that talks JDBC underneath) {@link #isUnrecoverable is unrecoverable}, or when it holds an
     * {@link UnrecoverableException} or a missing class already; returns otherwise.
     */
    public static void throwIfUnrecoverable(String message, Throwable error) {
        UnrecoverableException missing = UnrecoverableException.ifClassMissing(message, error);
        if (missing != null) {
            throw missing;
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && isUnrecoverable(sql)) {
                throw new UnrecoverableException(message, error);
            }
        }
    }

    /** A short category for metrics and dirty records. */
    public static String kind(SQLException e) {
        SQLException first =
                e instanceof BatchUpdateException && e.getNextException() != null
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
