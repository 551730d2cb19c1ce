package io.callstream.sink.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.callstream.avro.Alert;
import io.callstream.avro.CallEvent;
import io.callstream.avro.EnrichedTurn;
import io.callstream.avro.QaExchange;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The JDBC store of enriched records (SQLite or PostgreSQL, one set of SQL). A batch of records and the consumer
 * offsets after it are written in one transaction, with idempotent upserts on natural keys, so writing a batch again
 * after a crash changes nothing.
 *
 * <p>A record the database refuses does not sink its batch: the batch is written again record by record, each under
 * a savepoint, and the refused ones are handed to the caller before the commit. A lost connection is closed and a
 * new one opened on the next call, so the caller only has to retry.
 */
public final class CallStore implements AutoCloseable {

    private static final String UPSERT_OFFSET = """
            INSERT INTO sink_offsets (consumer, topic, partition_id, next_offset) VALUES (?, ?, ?, ?)
            ON CONFLICT (consumer, topic, partition_id) DO UPDATE SET next_offset = excluded.next_offset
            """;

    /** Sees the records the database refused; must make their dead letters durable, or throw to roll back. */
    @FunctionalInterface
    public interface BeforeCommit {
        void refused(List<Refusal> refused) throws SQLException;
    }

    /** A record of the batch that the database refused, by its position in the batch, and why. */
    public record Refusal(int index, String reason, SQLException cause) {
    }

    private final String jdbcUrl;
    private Connection connection;

    private CallStore(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /**
     * Opens the store at a JDBC URL ({@code jdbc:sqlite:calls.db}, {@code jdbc:postgresql://...}) after migrating its
     * schema to the latest version.
     */
    public static CallStore open(String jdbcUrl) throws SQLException {
        StoreMigrations.apply(jdbcUrl);
        CallStore store = new CallStore(jdbcUrl);
        store.connection();
        return store;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** Whether this kind of record has rows in the store (a call's lines do not: its turns do). */
    public static boolean keeps(SpecificRecord record) {
        return record instanceof EnrichedTurn || record instanceof QaExchange || record instanceof Alert
                || record instanceof CallEvent event && CallRows.kept(event);
    }

    /**
     * Writes the records and the offsets to resume from, all or nothing. Records of kinds the store does not keep
     * are skipped.
     *
     * @return the refused records, which {@code beforeCommit} has already seen
     * @throws SQLException when the database is unavailable; nothing was written, and the call may be repeated
     */
    public List<Refusal> write(List<? extends SpecificRecord> records, String consumer,
                               Map<TopicPartition, Long> nextOffsets, BeforeCommit beforeCommit) throws SQLException {
        Connection c = connection();
        try {
            List<Refusal> refused = List.of();
            try {
                writeRows(c, records);
            } catch (SQLException e) {
                if (!StoreErrors.refusesTheRecord(e)) {
                    throw e;
                }
                c.rollback();
                refused = writeOneByOne(c, records);
            }
            writeOffsets(c, consumer, nextOffsets);
            beforeCommit.refused(refused);
            c.commit();
            return refused;
        } catch (SQLException | RuntimeException e) {
            abandon(c);
            throw e;
        }
    }

    /** Convenience for callers that expect no refusals and have no dead-letter topic (tests, tools). */
    public List<Refusal> write(List<? extends SpecificRecord> records, String consumer,
                               Map<TopicPartition, Long> nextOffsets) throws SQLException {
        return write(records, consumer, nextOffsets, refused -> { });
    }

    private static void writeRows(Connection c, List<? extends SpecificRecord> records) throws SQLException {
        List<CallEvent> calls = new ArrayList<>();
        List<EnrichedTurn> turns = new ArrayList<>();
        List<QaExchange> exchanges = new ArrayList<>();
        List<Alert> alerts = new ArrayList<>();
        for (SpecificRecord r : records) {
            if (r instanceof EnrichedTurn t) {
                turns.add(t);
            } else if (r instanceof QaExchange e) {
                exchanges.add(e);
            } else if (r instanceof Alert a) {
                alerts.add(a);
            } else if (r instanceof CallEvent e && CallRows.kept(e)) {
                calls.add(e);
            }
        }
        CallRows.write(c, calls);
        TurnRows.write(c, turns);
        ExchangeRows.write(c, exchanges);
        AlertRows.write(c, alerts);
    }

    private static List<Refusal> writeOneByOne(Connection c, List<? extends SpecificRecord> records)
            throws SQLException {
        List<Refusal> refused = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            SpecificRecord record = records.get(i);
            if (!keeps(record)) {
                continue;
            }
            // PostgreSQL aborts the whole transaction on an error; a savepoint keeps the rows before it.
            Savepoint before = c.setSavepoint();
            try {
                writeRows(c, List.of(record));
                c.releaseSavepoint(before);
            } catch (SQLException e) {
                if (!StoreErrors.refusesTheRecord(e)) {
                    throw e;
                }
                c.rollback(before);
                refused.add(new Refusal(i, StoreErrors.reason(e), e));
            }
        }
        return refused;
    }

    private static void writeOffsets(Connection c, String consumer, Map<TopicPartition, Long> nextOffsets)
            throws SQLException {
        if (nextOffsets.isEmpty()) {
            return;
        }
        try (PreparedStatement offsets = c.prepareStatement(UPSERT_OFFSET)) {
            for (Map.Entry<TopicPartition, Long> e : nextOffsets.entrySet()) {
                offsets.setString(1, consumer);
                offsets.setString(2, e.getKey().topic());
                offsets.setInt(3, e.getKey().partition());
                offsets.setLong(4, e.getValue());
                offsets.addBatch();
            }
            offsets.executeBatch();
        }
    }

    /** The offsets to resume from, as last committed with the rows. */
    public Map<TopicPartition, Long> offsets(String consumer) throws SQLException {
        Connection c = connection();
        Map<TopicPartition, Long> result = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement(
                "SELECT topic, partition_id, next_offset FROM sink_offsets WHERE consumer = ?")) {
            q.setString(1, consumer);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    result.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
                }
            }
            c.commit();
        } catch (SQLException e) {
            abandon(c);
            throw e;
        }
        return result;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection c = DriverManager.getConnection(jdbcUrl, connectionProperties(jdbcUrl));
            c.setAutoCommit(false);
            connection = c;
        }
        return connection;
    }

    /**
     * Settings the sink needs unless the URL says otherwise: the bounds on opening a connection (below); PostgreSQL
     * gives up on a server gone silent mid-statement within a minute and sends batches of inserts as multi-row
     * statements; SQLite lets readers (the README's queries, an export) read while the sink writes. Public for those
     * readers, so they connect alike.
     */
    public static Properties connectionProperties(String jdbcUrl) {
        Properties p = openingProperties(jdbcUrl);
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            setUnlessInUrl(p, jdbcUrl, "socketTimeout", "60");
            setUnlessInUrl(p, jdbcUrl, "reWriteBatchedInserts", "true");
        } else if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            setUnlessInUrl(p, jdbcUrl, "journal_mode", "WAL");
            setUnlessInUrl(p, jdbcUrl, "busy_timeout", "5000");
        }
        return p;
    }

    /**
     * What bounds opening a connection, unless the URL says otherwise: PostgreSQL gives up on a dead server within
     * seconds rather than the OS's minutes, and on one that takes the connection and never answers (a pooler
     * queueing it while its database restarts) within {@code loginTimeout}. The driver leaves an attempt it gave up
     * on to a thread of its own, which ends when the server answers or closes, or at {@code socketTimeout} where one
     * is set (60 s on the sink's connections). Flyway's migrations open with these alone: a statement of theirs may
     * wait on a lock for longer than a sink's write should.
     */
    static Properties openingProperties(String jdbcUrl) {
        Properties p = new Properties();
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            setUnlessInUrl(p, jdbcUrl, "connectTimeout", "5");
            setUnlessInUrl(p, jdbcUrl, "loginTimeout", "10");
        }
        return p;
    }

    private static void setUnlessInUrl(Properties p, String jdbcUrl, String key, String value) {
        if (!jdbcUrl.toLowerCase(java.util.Locale.ROOT).contains(key.toLowerCase(java.util.Locale.ROOT) + "=")) {
            p.setProperty(key, value);
        }
    }

    /** After a failure the connection may be dead or mid-transaction: drop it; the next call opens a fresh one. */
    private void abandon(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // A dead connection cannot roll back; the server rolls back a transaction whose connection is gone.
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // Same: nothing more to release from a dead connection.
        }
        connection = null;
    }

    @Override
    public void close() throws SQLException {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
