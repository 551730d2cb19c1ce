package io.callstream.deploy.sink;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A query's answer as text, the same text from either store for the same values: a boolean as 1 or 0 (SQLite has
 * only the integers), numbers without trailing zeros (PostgreSQL's NUMERIC sums, SQLite's REAL), NULL for null.
 */
record QueryResult(List<String> columns, List<List<String>> rows) {

    static QueryResult run(String jdbcUrl, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
            }
            List<List<String>> rows = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++) {
                    row.add(text(rs.getObject(i)));
                }
                rows.add(row);
            }
            return new QueryResult(columns, rows);
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (value instanceof Number n) {
            BigDecimal d = new BigDecimal(n.toString()).stripTrailingZeros();
            return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
        }
        return value.toString();
    }

    /** The values of a column, by its label. */
    List<String> column(String label) {
        int i = columns.indexOf(label);
        if (i < 0) {
            throw new IllegalArgumentException("no column " + label + " in " + columns);
        }
        return rows.stream().map(r -> r.get(i)).toList();
    }

    List<Long> longs(String label) {
        return column(label).stream().map(Long::parseLong).toList();
    }
}
