package io.callstream.deploy.testing;

import java.io.File;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A store's tables as sorted text rows, comparable across SQLite and PostgreSQL. */
public final class StoreTables {

    /** Every table the sink writes. */
    public static final List<String> TABLES = List.of("calls", "turns", "turn_topics", "turn_numbers", "exchanges",
            "alerts");

    private StoreTables() {
    }

    /** Every row of {@code table}, each as {@code column=value;...}, sorted. */
    public static List<String> dump(String jdbcUrl, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    row.append(meta.getColumnName(i).toLowerCase()).append('=')
                            .append(v instanceof Boolean b ? (b ? "1" : "0") : String.valueOf(v)).append(File.pathSeparator);
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        return rows;
    }
}
