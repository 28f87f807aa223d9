package io.kato.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One open transaction. Parameters are bound in order; {@link java.time.Instant} becomes a
 * timestamp, and a {@code null} must be given as {@link Null} so the column type is known.
 */
@ProviderType
public interface Tx {
    int update(String sql, Object... args);

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... args);

    default <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... args) {
        List<T> rows = query(sql, mapper, args);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    default long count(String sql, Object... args) {
        return one(sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** A typed SQL NULL ({@link java.sql.Types}). */
    record Null(int sqlType) {
        public static final Null TEXT = new Null(java.sql.Types.VARCHAR);
        public static final Null TIMESTAMP = new Null(java.sql.Types.TIMESTAMP);
        public static final Null INTEGER = new Null(java.sql.Types.INTEGER);
    }
}
