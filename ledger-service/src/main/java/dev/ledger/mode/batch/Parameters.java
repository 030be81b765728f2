package dev.ledger.mode.batch;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Binds the parameters of a prepared string of several statements one after the other, in the order of its
 * placeholders, so that statements built from parts (a store's fence, the shared reads and writes) bind in parts too.
 */
public final class Parameters {

    private final Connection connection;
    private final PreparedStatement statement;
    private int bound;

    public Parameters(Connection connection, PreparedStatement statement) {
        this.connection = connection;
        this.statement = statement;
    }

    public void setLong(long value) throws SQLException {
        statement.setLong(++bound, value);
    }

    public void setArray(Array array) throws SQLException {
        statement.setArray(++bound, array);
    }

    /** An SQL array of {@code type} holding {@code values}, to bind once or more. */
    public Array array(String type, Collection<?> values) throws SQLException {
        return connection.createArrayOf(type, values.toArray());
    }

    /** Binds one column as an array: {@code column} of each row, in order. */
    public <T> void column(String type, List<T> rows, Function<T, Object> column) throws SQLException {
        columnIndexed(type, rows, (i, row) -> column.apply(row));
    }

    /** The same, where the value depends on the row's place too. */
    public <T> void columnIndexed(String type, List<T> rows, BiFunction<Integer, T, Object> column)
            throws SQLException {
        Object[] values = new Object[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(i, rows.get(i));
        }
        setArray(connection.createArrayOf(type, values));
    }
}
