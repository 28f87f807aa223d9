package io.kato.store.internal;

import io.kato.store.DuplicateKeyException;
import io.kato.store.Store;
import io.kato.store.StoreException;
import io.kato.store.Tx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Transactions over a {@link DataSource}. Each transaction takes its own connection:
 * embedded Derby connections are cheap, and a pooled DataSource can be configured for
 * PostgreSQL without changing this class.
 */
public final class JdbcStore implements Store {
    private final DataSource dataSource;
    private final String product;

    public JdbcStore(DataSource dataSource) {
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection()) {
            this.product = c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new StoreException("Cannot connect to the database: " + e.getMessage(), e);
        }
    }

    @Override
    public String product() {
        return product;
    }

    /** Whether the database is PostgreSQL (else it is Derby): decides the few dialect differences. */
    boolean isPostgres() {
        return product.toLowerCase().contains("postgres");
    }

    @Override
    public <T> T inTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try {
                T result = work.run(new JdbcTx(c));
                c.commit();
                return result;
            } catch (Exception | Error e) {
                rollback(c, e);
                if (e instanceof RuntimeException re) {
                    throw re;
                }
                if (e instanceof Error err) {
                    throw err;
                }
                throw new StoreException("Transaction failed: " + e.getMessage(), e);
            }
        } catch (SQLException e) {
            throw new StoreException("Database unavailable: " + e.getMessage(), e);
        }
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** The {@link Tx} of one connection. */
    static final class JdbcTx implements Tx {
        private final Connection connection;

        JdbcTx(Connection connection) {
            this.connection = connection;
        }

        Connection connection() {
            return connection;
        }

        @Override
        public int update(String sql, Object... args) {
            try (PreparedStatement ps = prepare(sql, args)) {
                return ps.executeUpdate();
            } catch (SQLException e) {
                throw translate(e);
            }
        }

        @Override
        public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
            try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            } catch (SQLException e) {
                throw translate(e);
            }
        }

        private PreparedStatement prepare(String sql, Object[] args) throws SQLException {
            PreparedStatement ps = connection.prepareStatement(sql);
            try {
                for (int i = 0; i < args.length; i++) {
                    bind(ps, i + 1, args[i]);
                }
                return ps;
            } catch (SQLException | RuntimeException e) {
                ps.close();
                throw e;
            }
        }

        private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
            if (value instanceof Null n) {
                ps.setNull(index, n.sqlType());
            } else if (value instanceof Instant i) {
                ps.setTimestamp(index, Timestamp.from(i));
            } else if (value instanceof String s) {
                ps.setString(index, s);
            } else if (value == null) {
                throw new IllegalArgumentException("Bind parameter " + index + " is null: pass a Tx.Null");
            } else {
                ps.setObject(index, value);
            }
        }

        /** Unique-key violations become {@link DuplicateKeyException}: the core turns them into 409s. */
        private static RuntimeException translate(SQLException e) {
            String state = e.getSQLState();
            if ("23505".equals(state)) {
                return new DuplicateKeyException(e);
            }
            return new StoreException("Database error (" + state + "): " + e.getMessage(), e);
        }
    }
}
