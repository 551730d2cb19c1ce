package io.callstream.sink.jdbc;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.Set;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Tells a record the database refuses (its data breaks a check, a key or the text encoding: writing it again will
 * fail again) from a database that is not there (connection lost, file locked, server restarting: writing again
 * later will work). The first goes to the dead-letter topic; the second makes the sink wait and retry.
 */
public final class StoreErrors {

    private StoreErrors() {
    }

    static boolean refusesTheRecord(SQLException e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof SQLIntegrityConstraintViolationException || t instanceof SQLDataException) {
                return true;
            }
            if (t instanceof SQLiteException sqlite && refusedBySqlite(sqlite.getResultCode())) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    // SQL standard classes 21 (cardinality), 22 (data exception: a NUL byte in text, a value out of range)
                    // and 23 (integrity constraint violation), as PostgreSQL reports them.
                    && (sql.getSQLState().startsWith("21") || sql.getSQLState().startsWith("22")
                            || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the store did not answer in a way that waiting may cure, as PostgreSQL's driver reports it while the
     * server boots or restarts: no connection (08001: refused, timed out, a host name that does not resolve yet),
     * a connection lost while opening it (08006), the server still starting up (57P03) or out of connection slots
     * (53300, as when every client comes back at once). Not what waiting cannot cure: a wrong or missing password
     * (28P01; 08004, the driver's "no password was provided"), a missing database (3D000), TLS the server lacks
     * (08004), a port that is not PostgreSQL's (08P01). Nor an unknown driver, which {@code DriverManager} also
     * reports as 08001: {@link StoreAtStart} checks for one.
     */
    public static boolean mayComeUp(SQLException e) {
        for (Throwable t = e; t != null; t = next(t)) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && COMES_UP.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> COMES_UP = Set.of("08001", "08006", "57P03", "53300");

    private static boolean refusedBySqlite(SQLiteErrorCode code) {
        // Extended codes (SQLITE_CONSTRAINT_CHECK = 275) keep the primary code in their low byte.
        int primary = code.code & 0xff;
        return primary == SQLiteErrorCode.SQLITE_CONSTRAINT.code
                || primary == SQLiteErrorCode.SQLITE_TOOBIG.code
                || primary == SQLiteErrorCode.SQLITE_MISMATCH.code;
    }

    /** The driver's chain: PostgreSQL puts the server's reason for a failed batch in getNextException. */
    private static Throwable next(Throwable t) {
        if (t instanceof SQLException sql && sql.getNextException() != null && sql.getNextException() != t) {
            return sql.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    /** The driver's own words for a person: the first line of the deepest reason. */
    public static String reason(SQLException e) {
        Throwable deepest = e;
        for (Throwable t = e; t != null; t = next(t)) {
            if (t.getMessage() != null) {
                deepest = t;
            }
        }
        String message = deepest.getMessage() == null ? deepest.toString() : deepest.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }
}
