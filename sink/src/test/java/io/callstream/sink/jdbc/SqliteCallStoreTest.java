package io.callstream.sink.jdbc;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

class SqliteCallStoreTest extends CallStoreContract {

    @TempDir
    Path dir;

    @Override
    String url() {
        return "jdbc:sqlite:" + dir.resolve("store.db");
    }

    @Override
    boolean refusesNulInText() {
        // SQLite stores text with a NUL byte as given; only PostgreSQL refuses it.
        return false;
    }
}
