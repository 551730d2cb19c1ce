package io.callstream.deploy.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import io.callstream.avro.Alert;
import io.callstream.avro.QaExchange;
import io.callstream.deploy.stack.FileTrees;
import io.callstream.deploy.testing.EnrichedTeslaCall;
import io.callstream.deploy.testing.PostgresTextOrder;
import io.callstream.sink.testing.PostgresSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SQL of the README's "Querying the store", run as written on a SQLite store and a PostgreSQL store holding the
 * Tesla call as the sink writes it. The checks follow the section's order: transcript, turns by topic, alerts,
 * exchanges by analyst, topic timeline.
 */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadmeQueriesTest {

    private static final String SECTION = "Querying the store";
    private static final int TRANSCRIPT = 0;
    private static final int BY_TOPIC = 1;
    private static final int ALERTS = 2;
    private static final int BY_ANALYST = 3;
    private static final int TIMELINE = 4;

    private EnrichedTeslaCall tesla;
    private List<ReadmeSql> queries;
    private Path folder;
    private String sqlite;

    @BeforeAll
    void fillASqliteStoreWithTheTeslaCall() throws Exception {
        queries = ReadmeSql.ofSection(ReadmeSql.readme(), SECTION);
        tesla = EnrichedTeslaCall.run();
        folder = Files.createTempDirectory("readme-queries-");
        sqlite = "jdbc:sqlite:" + folder.resolve("callstream.db");
        tesla.writeTo(sqlite);
    }

    @AfterAll
    void removeTheStore() {
        FileTrees.deleteQuietly(folder);
    }

    @Test
    void theSectionHasFiveQueriesEachIntroducedByALine() {
        assertThat(queries).as("the ```sql blocks of '%s', in the order this test checks them", SECTION).hasSize(5);
        assertThat(queries).allSatisfy(q -> {
            assertThat(q.explanation()).as("the line before\n%s", q.sql()).isNotNull().endsWith(":");
            assertThat(q.sql()).as("one statement").endsWith(";").doesNotContain(";\n");
        });
    }

    @Test
    void theTranscriptQueryGivesEveryTurnOfTheCallInOrder() throws Exception {
        QueryResult transcript = onSqlite(TRANSCRIPT);

        assertThat(transcript.longs("turn_index")).as("turn indexes, in order")
                .containsExactlyElementsOf(IntStream.range(0, tesla.finalTurns()).mapToObj(i -> (long) i).toList());
        // The bundled transcript opens mid-call, 69 s in, on a turn with no speaker header: the company's, since it
        // comes before the questions.
        assertThat(transcript.rows().get(0)).containsSubsequence("0", "69", "EXECUTIVE", "NULL");
        assertThat(transcript.column("text").get(0)).startsWith("Thank you. First of all");
        assertThat(transcript.column("role")).contains("OPERATOR", "EXECUTIVE", "ANALYST");
        assertThat(transcript.longs("start_s")).isSortedAccordingTo(Comparator.naturalOrder());
    }

    @Test
    void theTopicQueryFindsTheTurnsOfTheTopicWithItsLabel() throws Exception {
        QueryResult byTopic = onSqlite(BY_TOPIC);

        assertThat(byTopic.rows()).isNotEmpty();
        assertThat(byTopic.column("call_id")).containsOnly(EnrichedTeslaCall.CALL_ID);
        assertThat(byTopic.column("label")).containsOnly("Capital raise");
        // Elon Musk on raising capital, the turn the capital-raise alert fires on.
        assertThat(byTopic.rows()).anySatisfy(r -> assertThat(r).startsWith(EnrichedTeslaCall.CALL_ID, "74",
                "Capital raise", "Elon Reeve Musk"));
    }

    @Test
    void theAlertsQueryListsEveryAlertOfTheCallInCallTime() throws Exception {
        QueryResult alerts = onSqlite(ALERTS);

        long fired = tesla.records().stream().filter(r -> r instanceof Alert).map(r -> ((Alert) r).getAlertId())
                .distinct().count();
        assertThat(alerts.rows()).hasSize((int) fired).isNotEmpty();
        assertThat(alerts.longs("at_s")).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(alerts.rows().get(0)).startsWith("105", "HIGH", "management-change", "0");
        assertThat(alerts.column("severity")).isSubsetOf("INFO", "LOW", "MEDIUM", "HIGH");
    }

    @Test
    void theAnalystQueryGivesEachAnalystAFirmAndCountsOfExchangesAndDeclines() throws Exception {
        QueryResult analysts = onSqlite(BY_ANALYST);

        long exchanges = tesla.records().stream().filter(r -> r instanceof QaExchange)
                .map(r -> ((QaExchange) r).getExchangeIndex()).distinct().count();
        assertThat(analysts.rows()).isNotEmpty();
        assertThat(analysts.column("analyst_firm")).doesNotContain("NULL", "").contains("Morgan Stanley", "JPMorgan");
        assertThat(analysts.column("analyst_name")).doesNotContain("NULL", "").contains("Adam Jonas");
        assertThat(analysts.longs("exchanges").stream().mapToLong(Long::longValue).sum()).isEqualTo(exchanges);
        for (List<String> row : analysts.rows()) {
            assertThat(Long.parseLong(row.get(3))).as("declined of %s", row).isBetween(0L, Long.parseLong(row.get(2)));
        }
        assertThat(analysts.longs("declined").stream().mapToLong(Long::longValue).sum())
                .as("three exchanges of the call end in a declined answer").isEqualTo(3);
    }

    @Test
    void theTimelineQueryCountsTurnsPerTopicPerMinuteFromTheFirstMinuteSpoken() throws Exception {
        QueryResult timeline = onSqlite(TIMELINE);
        QueryResult tags = QueryResult.run(sqlite,
                "SELECT COUNT(*) FROM turn_topics WHERE call_id = '" + EnrichedTeslaCall.CALL_ID + "'");

        // Minute 0 is empty: the bundled transcript starts 69 s into the call (see the transcript's first turn).
        assertThat(timeline.rows().get(0)).startsWith("1", "management", "Management change", "2");
        assertThat(timeline.longs("minute")).isSortedAccordingTo(Comparator.naturalOrder()).doesNotContain(0L);
        assertThat(timeline.longs("turns").stream().mapToLong(Long::longValue).sum())
                .as("every tag of every turn counted once").isEqualTo(Long.parseLong(tags.rows().get(0).get(0)));
        assertThat(timeline.longs("minute").get(timeline.rows().size() - 1)).as("the call's last minute with a tag")
                .isGreaterThan(60L);
    }

    @Nested
    class OnPostgres {

        @RegisterExtension
        final PostgresSchema postgres = new PostgresSchema();

        @Test
        void everyQueryGivesTheSameRowsAsOnSqlite() throws Exception {
            tesla.writeTo(postgres.url());
            boolean sameOrder = PostgresTextOrder.sortsLikeSqlite(postgres.url());

            for (ReadmeSql query : queries) {
                QueryResult onSqlite = QueryResult.run(sqlite, query.sql());
                QueryResult onPostgres = QueryResult.run(postgres.url(), query.sql());
                assertThat(onPostgres.columns()).as(query.explanation()).isEqualTo(onSqlite.columns());
                if (sameOrder) {
                    assertThat(onPostgres.rows()).as(query.explanation()).isEqualTo(onSqlite.rows());
                } else {
                    // Under another collation, rows that tie on the numbers may come in another order (README says so).
                    assertThat(onPostgres.rows()).as(query.explanation())
                            .containsExactlyInAnyOrderElementsOf(onSqlite.rows());
                }
            }
        }
    }

    private QueryResult onSqlite(int query) throws Exception {
        assertThat(queries).as("the README's queries").hasSizeGreaterThan(query);
        QueryResult result = QueryResult.run(sqlite, queries.get(query).sql());
        assertThat(result.rows()).as("rows of: %s", queries.get(query).explanation()).isNotEmpty();
        return result;
    }
}
