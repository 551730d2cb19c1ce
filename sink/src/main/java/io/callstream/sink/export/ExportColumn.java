package io.callstream.sink.export;

/**
 * A column of an export, with the type its values are read and written as. The type is declared rather than taken
 * from the driver because the two stores disagree: SQLite reports a BOOLEAN as an integer 0/1 and a JSON column
 * as plain text, and the export must read the same from both.
 */
public record ExportColumn(String name, Type type) {

    public enum Type {
        /** Text as stored. */
        TEXT,
        /** A whole number (counts, indexes, offsets and instants in epoch milliseconds). */
        INTEGER,
        /** A floating-point number. */
        DECIMAL,
        BOOLEAN,
        /** A column holding JSON text (evidence spans, turn lists): nested as JSON in JSON Lines, as text in CSV. */
        JSON,
        /**
         * Ids joined with ';' by the query: a JSON array in JSON Lines, the ';'-joined text in CSV. Sorted (as Java
         * strings) when read, not in SQL, where PostgreSQL would sort by its collation and SQLite by bytes.
         */
        LIST
    }

    static ExportColumn text(String name) {
        return new ExportColumn(name, Type.TEXT);
    }

    static ExportColumn integer(String name) {
        return new ExportColumn(name, Type.INTEGER);
    }

    static ExportColumn decimal(String name) {
        return new ExportColumn(name, Type.DECIMAL);
    }

    static ExportColumn bool(String name) {
        return new ExportColumn(name, Type.BOOLEAN);
    }

    static ExportColumn json(String name) {
        return new ExportColumn(name, Type.JSON);
    }

    static ExportColumn list(String name) {
        return new ExportColumn(name, Type.LIST);
    }
}
