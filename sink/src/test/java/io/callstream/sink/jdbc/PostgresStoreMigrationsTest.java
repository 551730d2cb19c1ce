package io.callstream.sink.jdbc;

import org.junit.jupiter.api.Tag;
import io.callstream.sink.testing.PostgresSchema;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The migrations on a real PostgreSQL, each test in a schema of its own; skipped where none answers. */
@Tag("integration")
class PostgresStoreMigrationsTest extends StoreMigrationsContract {

    @RegisterExtension
    final PostgresSchema postgres = new PostgresSchema();

    @Override
    String url() {
        return postgres.url();
    }
}
