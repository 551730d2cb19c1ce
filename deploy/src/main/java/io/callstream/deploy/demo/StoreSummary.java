package io.callstream.deploy.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the store holds after a run, read back with plain SQL, as a user would. */
final class StoreSummary {

    /** The query the demo suggests to its user. */
    static final String TRY_QUERY = "SELECT turn_index, role, speaker_name, substr(text, 1, 60) FROM turns "
            + "WHERE status = 'FINAL' ORDER BY turn_index";

    private StoreSummary() {
    }

    static DemoSummary read(String jdbcUrl, List<DemoSummary.CallLine> calls, long lines, long exchanges,
            RunTally tally, long deadLetters, List<DemoSummary.WebhookLine> webhooks)
            throws SQLException {
        Map<String, Long> byRole = new TreeMap<>();
        long turns = 0;
        try (Connection c = DriverManager.getConnection(jdbcUrl);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT role, COUNT(*) FROM turns WHERE status = 'FINAL' GROUP BY role")) {
            while (rs.next()) {
                byRole.put(rs.getString(1), rs.getLong(2));
                turns += rs.getLong(2);
            }
        }
        return new DemoSummary(calls, lines, turns, byRole, exchanges, tally.alerts(), tally.topics(), deadLetters, jdbcUrl,
                TRY_QUERY, webhooks);
    }
}
