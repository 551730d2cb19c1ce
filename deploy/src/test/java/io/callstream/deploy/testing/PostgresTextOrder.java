package io.callstream.deploy.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Whether a PostgreSQL database sorts text as SQLite does (by bytes, as under the C collation). Where it does, the
 * two stores give rows in the same order even where text breaks a tie; elsewhere only the same rows.
 */
public final class PostgresTextOrder {

    private PostgresTextOrder() {
    }

    /** Asks the database itself, whatever the provider of its collation (libc or ICU). */
    public static boolean sortsLikeSqlite(String jdbcUrl) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT string_agg(x, ',' ORDER BY x) FROM (VALUES ('management'), "
                     + "('m-and-a'), ('b'), ('B'), ('model 3')) AS v (x)")) {
            rs.next();
            return rs.getString(1).equals("B,b,m-and-a,management,model 3");
        }
    }
}
