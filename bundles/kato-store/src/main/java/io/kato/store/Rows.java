package io.kato.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** Small helpers shared by the repositories. */
public final class Rows {
    private Rows() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    /** The value, or a typed NULL for the database. */
    public static Object orNull(Object value, Tx.Null type) {
        return value == null ? type : value;
    }

    /** The SQL paging clause both Derby and PostgreSQL understand. */
    public static String page(int offset, int limit) {
        return " OFFSET " + offset + " ROWS FETCH NEXT " + limit + " ROWS ONLY";
    }
}
