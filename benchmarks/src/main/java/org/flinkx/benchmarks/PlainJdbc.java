package org.flinkx.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The plain JDBC references (no Flink at all): a streaming SELECT that reads every column with its
 * typed getter, and batched INSERTs (or upserts) of 5000 rows that the driver rewrites into
 * multi-row statements.
 */
final class PlainJdbc {

    private final String url;
    private final String user;
    private final String password;
    private final long rows;

    PlainJdbc(String url, String user, String password, long rows) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.rows = rows;
    }

    /** A streaming SELECT reading every column with its typed getter. */
    void read(String source) throws Exception {
        long count = 0;
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.setAutoCommit(false);
            try (Statement s =
                    c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                s.setFetchSize(1024);
                try (ResultSet rs =
                        s.executeQuery("SELECT " + BenchData.COLUMNS + " FROM " + source)) {
                    long sink = 0;
                    while (rs.next()) {
                        sink +=
                                rs.getLong(1)
                                        + rs.getInt(2)
                                        + rs.getLong(3)
                                        + (long) rs.getDouble(4);
                        sink += rs.getBigDecimal(5).scale();
                        sink += rs.getString(6).length();
                        String longValue = rs.getString(7);
                        sink += longValue == null ? 0 : longValue.length();
                        sink += rs.getString(8).length();
                        sink += rs.getBoolean(9) ? 1 : 0;
                        sink += rs.getObject(10, LocalDate.class).getDayOfMonth();
                        LocalDateTime ts = rs.getObject(11, LocalDateTime.class);
                        sink += ts == null ? 0 : ts.getNano();
                        sink += rs.getInt(12);
                        count++;
                    }
                    if (sink == 42) {
                        System.out.println(); // keeps the reads from being optimised away
                    }
                }
            }
            c.commit();
        }
        if (count != rows) {
            throw new IllegalStateException("read " + count + " rows, expected " + rows);
        }
    }

    /** Batched INSERTs of 5000 rows, rewritten into multi-row statements by the driver. */
    void write(String target, boolean upsert) throws Exception {
        String sql =
                "INSERT INTO "
                        + target
                        + " ("
                        + BenchData.COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        if (upsert) {
            sql +=
                    " ON DUPLICATE KEY UPDATE c_int = VALUES(c_int), c_bigint = VALUES(c_bigint),"
                            + " c_double = VALUES(c_double), c_decimal = VALUES(c_decimal),"
                            + " c_short = VALUES(c_short), c_long = VALUES(c_long), c_text = VALUES(c_text),"
                            + " c_bool = VALUES(c_bool), c_date = VALUES(c_date), c_ts = VALUES(c_ts),"
                            + " c_nint = VALUES(c_nint)";
        }
        try (Connection c = DriverManager.getConnection(url, user, password);
                PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            for (long id = 1; id <= rows; id++) {
                ps.setLong(1, id);
                ps.setInt(2, (int) BenchData.cInt(id));
                ps.setLong(3, id * 1_000_003);
                ps.setDouble(4, id / 7.0);
                ps.setBigDecimal(5, BenchData.cDecimal(id));
                ps.setString(6, BenchData.cShort(id));
                ps.setString(7, BenchData.cLong(id));
                ps.setString(8, BenchData.cText(id));
                ps.setBoolean(9, id % 2 == 0);
                ps.setObject(10, BenchData.cDate(id));
                ps.setObject(11, BenchData.cTs(id));
                ps.setObject(12, BenchData.cNint(id));
                ps.addBatch();
                if (id % 5000 == 0) {
                    ps.executeBatch();
                    c.commit();
                }
            }
            ps.executeBatch();
            c.commit();
        }
    }
}
