package io.callstream.sink.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.sql.SQLException;
import java.time.Duration;

import io.callstream.sink.testing.PostgresSchema;
import io.callstream.sink.testing.TcpProxy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
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

    /**
     * Flyway opens a connection of its own after the migrations' first look at the tables: one that finds the server
     * silent by then gives up within the login timeout (10 s) as one worth waiting for, where it hung for good.
     */
    @Test
    void aServerSilentByTheTimeFlywayConnectsFailsTheMigrationsWithinTheLoginTimeout() {
        try (TcpProxy proxy = TcpProxy.toServerOf(postgres.url())) {
            proxy.silenceAfter(1);
            String url = proxy.relayed(postgres.url());

            SQLException e = assertTimeoutPreemptively(Duration.ofSeconds(40),
                    () -> catchThrowableOfType(SQLException.class, () -> StoreMigrations.apply(url)),
                    "the migrations hang on a server gone silent");

            assertThat((Throwable) e).as("the migrations fail").isNotNull();
            assertThat(e.getMessage()).startsWith("Cannot migrate the store at ");
            assertThat(StoreErrors.mayComeUp(e)).as("%s is worth waiting for", e).isTrue();
        }
    }
}
