package io.callstream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.avro.Alert;
import io.callstream.avro.QaExchange;
import io.callstream.deploy.stack.FileTrees;
import io.callstream.deploy.testing.EnrichedTeslaCall;
import io.callstream.deploy.testing.PostgresTextOrder;
import io.callstream.sink.export.CsvRecords;
import io.callstream.sink.export.ExportQuery;
import io.callstream.sink.testing.PostgresSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code callstream export} of the Tesla call from a store the sink's CallStore filled. */
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportCommandTest {

    private static final String CALL = EnrichedTeslaCall.CALL_ID;
    private static final ObjectMapper JSON = new ObjectMapper();

    private EnrichedTeslaCall tesla;
    private Path folder;
    private String sqlite;

    @BeforeAll
    void fillASqliteStoreWithTheTeslaCall() throws Exception {
        tesla = EnrichedTeslaCall.run();
        folder = Files.createTempDirectory("export-command-");
        sqlite = "jdbc:sqlite:" + folder.resolve("callstream.db");
        tesla.writeTo(sqlite);
    }

    @AfterAll
    void removeTheStore() {
        FileTrees.deleteQuietly(folder);
    }

    private static CliRun export(String... args) {
        List<String> all = new ArrayList<>(List.of("export"));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private CliRun exportFromSqlite(String... args) {
        return export(Stream.concat(Stream.of("--store", sqlite, "--call", CALL), Stream.of(args))
                .toArray(String[]::new));
    }

    @Test
    void csvTranscriptHasAHeaderAndOneRowPerFinalTurnInOrder() {
        CliRun run = exportFromSqlite("--format", "csv");

        assertThat(run.exit()).as(run.err()).isZero();
        List<List<String>> records = CsvRecords.parse(run.out());
        assertThat(records.get(0)).containsExactly("call_id", "turn_index", "status", "start_offset_ms",
                "end_offset_ms", "start_time", "end_time", "speaker_name", "speaker_label", "affiliation", "role",
                "section", "text", "topics", "exchange_id", "forward_looking");
        List<List<String>> rows = records.subList(1, records.size());
        assertThat(rows).hasSize(tesla.finalTurns());
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(16).startsWith(CALL).contains("FINAL"));
        assertThat(rows.stream().map(r -> r.get(1)).toList())
                .containsExactlyElementsOf(IntStream.range(0, tesla.finalTurns()).mapToObj(String::valueOf).toList());
        // Turn 0 starts 69,614 ms into the call and ends at 109,831 ms, with no speaker header (before the
        // questions, so the company's), on management.
        assertThat(rows.get(0)).startsWith(CALL, "0", "FINAL", "69614", "109831", "01:09", "01:49", "", "", "",
                "EXECUTIVE", "PREPARED_REMARKS");
        assertThat(rows.get(0).get(13)).isEqualTo("management");
        assertThat(rows.stream().map(r -> r.get(13))).as("some turns carry several topics")
                .anyMatch(t -> t.contains(";"));
    }

    @Test
    void csvFieldsWithCommasRoundTrip() throws Exception {
        CliRun run = exportFromSqlite("--format", "csv");

        assertThat(run.out()).contains(",\"Tesla, Inc.\",");
        List<List<String>> rows = CsvRecords.parse(run.out()).subList(1, tesla.finalTurns() + 1);
        assertThat(rows.get(1).get(9)).isEqualTo("Tesla, Inc.");
        List<String> texts = column(sqlite,
                "SELECT text FROM turns WHERE call_id = '" + CALL + "' ORDER BY turn_index");
        assertThat(rows.stream().map(r -> r.get(12)).toList()).as("every turn's text, read back")
                .containsExactlyElementsOf(texts);
        // The call has no quotes or line breaks in its text; CsvRowWriterTest round-trips those.
        assertThat(texts).as("the texts hold commas to round-trip").anyMatch(t -> t.contains(","));
    }

    @Test
    void jsonlTranscriptHasNumbersBooleansListsAndNullsAsSuch() throws Exception {
        CliRun run = exportFromSqlite("--format", "jsonl");

        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> lines = jsonLines(run.out());
        assertThat(lines).hasSize(tesla.finalTurns());
        JsonNode first = lines.get(0);
        assertThat(first.get("turn_index").isIntegralNumber()).isTrue();
        assertThat(first.get("start_offset_ms").asLong()).isEqualTo(69_614L);
        assertThat(first.get("start_offset_ms").isIntegralNumber()).isTrue();
        assertThat(first.get("start_time").asText()).isEqualTo("01:09");
        assertThat(first.get("forward_looking").isBoolean()).isTrue();
        assertThat(first.get("speaker_name").isNull()).isTrue();
        assertThat(first.get("topics").isArray()).isTrue();
        assertThat(first.get("topics").get(0).asText()).isEqualTo("management");
        assertThat(lines).allSatisfy(l -> assertThat(l.size()).isEqualTo(ExportQuery.TRANSCRIPT.columns().size()));
        assertThat(lines).anySatisfy(l -> assertThat(l.get("exchange_id").asText()).startsWith(CALL + "-QA"));
    }

    @Test
    void alertsComeInCallTimeWithTheirEvidenceNested() throws Exception {
        CliRun run = exportFromSqlite("--format", "jsonl", "--what", "alerts");

        assertThat(run.exit()).as(run.err()).isZero();
        List<JsonNode> lines = jsonLines(run.out());
        long fired = tesla.records().stream().filter(r -> r instanceof Alert).map(r -> ((Alert) r).getAlertId())
                .distinct().count();
        assertThat(lines).hasSize((int) fired);
        assertThat(lines.stream().map(l -> l.get("call_offset_ms").asLong()).toList())
                .isSortedAccordingTo(Comparator.naturalOrder());
        JsonNode first = lines.get(0);
        assertThat(first.get("alert_id").asText()).isEqualTo(CALL + "/management-change/0");
        assertThat(first.get("call_time").asText()).isEqualTo("01:45");
        assertThat(first.get("topic_ids").isArray()).isTrue();
        assertThat(first.get("topic_ids").get(0).asText()).isEqualTo("management");
        JsonNode span = first.get("evidence").get(0);
        assertThat(span.get("start").isIntegralNumber()).isTrue();
        assertThat(span.get("text").asText()).isEqualTo("decided to leave");
        assertThat(first.get("observed_at").isIntegralNumber()).isTrue();
    }

    @Test
    void exchangesListEachQuestionWithItsAnalystTurnsAndDecline() throws Exception {
        CliRun run = exportFromSqlite("--format", "csv", "--what", "exchanges");

        assertThat(run.exit()).as(run.err()).isZero();
        List<List<String>> records = CsvRecords.parse(run.out());
        long exchanges = tesla.records().stream().filter(r -> r instanceof QaExchange)
                .map(r -> ((QaExchange) r).getExchangeIndex()).distinct().count();
        assertThat(records).hasSize((int) exchanges + 1);
        List<String> header = records.get(0);
        List<String> first = records.get(1);
        assertThat(first.get(header.indexOf("analyst_name"))).isEqualTo("Adam Jonas");
        assertThat(first.get(header.indexOf("analyst_firm"))).isEqualTo("Morgan Stanley");
        assertThat(JSON.readTree(first.get(header.indexOf("question_turns"))).isArray()).isTrue();
        assertThat(records.subList(1, records.size()).stream().map(r -> r.get(header.indexOf("declined"))))
                .containsOnly("true", "false").contains("true");
    }

    @Test
    void timelineCountsTurnsPerTopicPerMinute() {
        CliRun run = exportFromSqlite("--format", "csv", "--what", "timeline");

        assertThat(run.exit()).as(run.err()).isZero();
        List<List<String>> records = CsvRecords.parse(run.out());
        assertThat(records.get(0)).containsExactly("call_id", "minute", "topic_id", "label", "turns");
        // The bundled transcript starts 69 s into the call: its first minute with a turn is minute 1.
        assertThat(records.get(1)).containsExactly(CALL, "1", "management", "Management change", "2");
        assertThat(records.subList(1, records.size()).stream().map(r -> Long.parseLong(r.get(1))).toList())
                .isSortedAccordingTo(Comparator.naturalOrder());
    }

    @Test
    void topicsAndNumbersExportOneRowPerTagAndPerNumber() throws Exception {
        CliRun topics = exportFromSqlite("--format", "jsonl", "--what", "topics");
        CliRun numbers = exportFromSqlite("--format", "jsonl", "--what", "numbers");

        assertThat(topics.exit()).as(topics.err()).isZero();
        assertThat(numbers.exit()).as(numbers.err()).isZero();
        assertThat(jsonLines(topics.out())).hasSize(count("turn_topics"))
                .allSatisfy(l -> assertThat(l.get("evidence").isArray()).isTrue());
        List<JsonNode> numberLines = jsonLines(numbers.out());
        assertThat(numberLines).hasSize(count("turn_numbers"))
                .anySatisfy(l -> assertThat(l.get("value").isNumber()).isTrue());
    }

    @Test
    void outWritesTheFileAndSaysSoLeavingNothingElse() throws Exception {
        Path file = folder.resolve("tesla.csv");

        CliRun run = exportFromSqlite("--format", "csv", "--out", file.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("callstream export: " + tesla.finalTurns() + " transcript rows of " + CALL
                + " written to " + file + System.lineSeparator());
        assertThat(CsvRecords.parse(Files.readString(file, StandardCharsets.UTF_8))).hasSize(tesla.finalTurns() + 1);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void outIntoAFolderThatDoesNotExistExitsOneSayingSo() {
        Path file = folder.resolve("no-such-folder").resolve("tesla.csv");

        CliRun run = exportFromSqlite("--format", "csv", "--out", file.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("callstream export: cannot write " + file + ": the folder " + file.getParent()
                + " does not exist." + System.lineSeparator());
    }

    @Test
    void anUnknownCallExitsOneNamingTheCallsTheStoreHolds() {
        CliRun run = export("--store", sqlite, "--call", "tesla-2017-q1", "--format", "csv");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("callstream export: the store " + sqlite + " has no call 'tesla-2017-q1'; "
                + "it holds " + CALL + "." + System.lineSeparator());
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMissingSqliteFileIsReportedAndNotCreated() {
        Path missing = folder.resolve("no-such.db");

        CliRun run = export("--store", "jdbc:sqlite:" + missing, "--call", CALL, "--format", "csv");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("callstream export: no store at " + missing + ": the file does not exist");
        assertThat(missing).doesNotExist();
    }

    @Test
    void anUnreachableStoreExitsOneWithoutShowingThePassword() {
        String unreachable = "jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=hunter2&connectTimeout=3";

        CliRun run = export("--store", unreachable, "--call", CALL, "--format", "csv");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("callstream export: cannot open the store "
                        + "jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=***&connectTimeout=3")
                .contains("check that the database is running").doesNotContain("hunter2");
    }

    @Test
    void parquetIsRefusedWithThePointerToHelp() {
        CliRun run = exportFromSqlite("--format", "parquet");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no format 'parquet'; choose one of csv, jsonl (Parquet is not offered");
        assertThat(export("--help").out()).contains("Parquet is not offered");
    }

    @Test
    void helpLinesFitAnEightyColumnTerminal() {
        assertThat(export("--help").out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    }

    @Nested
    class OnPostgres {

        @RegisterExtension
        final PostgresSchema postgres = new PostgresSchema();

        @Test
        void everyExportIsTheSameAsFromSqlite() throws Exception {
            tesla.writeTo(postgres.url());
            boolean sameOrder = PostgresTextOrder.sortsLikeSqlite(postgres.url());

            for (ExportQuery what : ExportQuery.values()) {
                for (String format : List.of("csv", "jsonl")) {
                    CliRun fromPostgres = export("--store", postgres.url(), "--call", CALL, "--format", format,
                            "--what", what.cliName());
                    CliRun fromSqlite = exportFromSqlite("--format", format, "--what", what.cliName());
                    assertThat(fromPostgres.exit()).as(fromPostgres.err()).isZero();
                    String label = what.cliName() + " as " + format;
                    assertThat(fromPostgres.out().lines().count()).as(label).isGreaterThan(1);
                    if (sameOrder) {
                        assertThat(fromPostgres.out()).as(label).isEqualTo(fromSqlite.out());
                    } else {
                        // Under another collation, rows that tie on the numbers may come in another order.
                        assertThat(fromPostgres.out().lines()).as(label)
                                .containsExactlyInAnyOrderElementsOf(fromSqlite.out().lines().toList());
                    }
                }
            }
        }

        @Test
        void anUnknownCallNamesTheCallsThePostgresStoreHolds() throws Exception {
            tesla.writeTo(postgres.url());

            CliRun run = export("--store", postgres.url(), "--call", "nope", "--format", "jsonl");

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("has no call 'nope'; it holds " + CALL + ".");
        }
    }

    private static List<JsonNode> jsonLines(String text) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                nodes.add(JSON.readTree(line));
            }
        }
        assertThat(text).endsWith("\n");
        return nodes;
    }

    private int count(String table) throws SQLException {
        return Integer.parseInt(column(sqlite, "SELECT COUNT(*) FROM " + table + " WHERE call_id = '" + CALL + "'")
                .get(0));
    }

    private static List<String> column(String jdbcUrl, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
