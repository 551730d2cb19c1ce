package io.callstream.sink.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.callstream.sink.jdbc.CallStore;

/**
 * A store opened to read exports from. Unlike the sink it neither creates nor migrates anything: an export must not
 * leave an empty SQLite file behind a mistyped path, nor change the schema of a store another version writes to.
 */
public final class StoreReader implements AutoCloseable {

    private static final String SQLITE = "jdbc:sqlite:";
    /** Rows fetched per round trip; without it PostgreSQL's driver reads the whole result into memory first. */
    private static final int FETCH_SIZE = 1000;

    private final Connection connection;

    private StoreReader(Connection connection) {
        this.connection = connection;
    }

    /**
     * @throws NoSuchFileException for a SQLite URL whose file does not exist
     * @throws SQLException        when the database cannot be reached
     */
    public static StoreReader open(String jdbcUrl) throws SQLException, NoSuchFileException {
        Path file = sqliteFile(jdbcUrl);
        if (file != null && !Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        Connection c = DriverManager.getConnection(jdbcUrl, CallStore.connectionProperties(jdbcUrl));
        try {
            // One transaction for the whole export: a sink writing meanwhile cannot tear it. It is only read.
            c.setAutoCommit(false);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return new StoreReader(c);
    }

    /** The file of a SQLite URL, or null for another database, an in-memory one or a {@code file:} URI. */
    static Path sqliteFile(String jdbcUrl) {
        if (!jdbcUrl.startsWith(SQLITE)) {
            return null;
        }
        String rest = jdbcUrl.substring(SQLITE.length());
        int query = rest.indexOf('?');
        String name = query < 0 ? rest : rest.substring(0, query);
        if (name.isEmpty() || name.contains(":memory:") || name.startsWith("file:")) {
            return null;
        }
        return Path.of(name);
    }

    public boolean holds(String callId) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement(ExportQuery.HOLDS_CALL)) {
            q.setString(1, callId);
            q.setString(2, callId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Up to {@code limit} of the calls the store holds, by id. */
    public List<String> someCalls(int limit) throws SQLException {
        List<String> calls = new ArrayList<>();
        try (PreparedStatement q = connection.prepareStatement(ExportQuery.SOME_CALLS)) {
            q.setInt(1, limit);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    calls.add(rs.getString(1));
                }
            }
        }
        return calls;
    }

    /** Writes the call's rows of the export, header first. Returns the number of rows. */
    public long export(ExportQuery export, String callId, RowWriter writer) throws SQLException, IOException {
        List<ExportColumn> columns = export.columns();
        long rows = 0;
        try (PreparedStatement q = connection.prepareStatement(export.sql())) {
            q.setFetchSize(FETCH_SIZE);
            q.setString(1, callId);
            try (ResultSet rs = q.executeQuery()) {
                checkColumns(export, rs.getMetaData());
                writer.header(columns);
                while (rs.next()) {
                    List<Object> values = new ArrayList<>(columns.size());
                    for (int i = 0; i < columns.size(); i++) {
                        values.add(value(rs, i + 1, columns.get(i).type()));
                    }
                    writer.row(values);
                    rows++;
                }
            }
        }
        writer.finish();
        return rows;
    }

    private static Object value(ResultSet rs, int index, ExportColumn.Type type) throws SQLException {
        Object value = switch (type) {
            case TEXT -> rs.getString(index);
            case INTEGER -> rs.getLong(index);
            case DECIMAL -> rs.getDouble(index);
            case BOOLEAN -> rs.getBoolean(index);
            case JSON -> {
                String json = rs.getString(index);
                yield json == null ? null : new JsonText(json);
            }
            case LIST -> {
                String joined = rs.getString(index);
                yield joined == null || joined.isEmpty() ? List.of()
                        : Arrays.stream(joined.split(";")).sorted().toList();
            }
        };
        return type != ExportColumn.Type.LIST && rs.wasNull() ? null : value;
    }

    /** The declared columns name the SELECT's, in order: a query edited without its list fails here, not silently. */
    private static void checkColumns(ExportQuery export, ResultSetMetaData meta) throws SQLException {
        List<String> selected = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            selected.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
        }
        List<String> declared = export.columns().stream().map(ExportColumn::name).toList();
        if (!selected.equals(declared)) {
            throw new IllegalStateException("export " + export.cliName() + " selects " + selected
                    + " but declares " + declared);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
