package io.callstream.sink.jdbc;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

class SqliteStoreMigrationsTest extends StoreMigrationsContract {

    @TempDir
    Path dir;

    @Override
    String url() {
        return "jdbc:sqlite:" + dir.resolve("store.db");
    }
}
