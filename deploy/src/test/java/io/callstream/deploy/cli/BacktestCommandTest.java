package io.callstream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.avro.Alert;
import io.callstream.avro.Span;
import io.callstream.backtest.inprocess.InProcessEnrich;
import io.callstream.deploy.testing.SharedCalls;
import io.callstream.enrich.EnrichOptions;
import io.callstream.enrich.alerts.AlertRules;
import io.callstream.ingest.source.LoadedCall;
import io.callstream.sink.export.CsvRecords;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code callstream backtest} over a small corpus: the bundled Tesla call, two Earnings-21 calls from
 * ../shared/data (one with its .segments.tsv twin beside it), a call whose words are markup, and a file that is
 * not a transcript; rules A (the shipped rules, as a file) against B (one rule dropped, one narrowed, one added),
 * on two workers so that a driver serves several calls. Skipped, with the reason, where ../shared/data is absent.
 */
class BacktestCommandTest {

    private static final Path TESLA = Path.of("..", "ingest", "src", "main", "resources", "io", "callstream",
            "ingest", "sample", "tesla-2016-q4-earnings-call.txt");
    private static final String MONRO = "earnings21/4320211_Monro-Inc";
    private static final String CULP = "earnings21/4330115_Culp-Inc";
    /** Words a page must show as text, never as markup. */
    private static final String MARKUP = "<script>alert('x')</script> & <b>AT&T</b>";

    /** B: declined-answer dropped, guidance narrowed to money, a once-per-call rule on "thank you" added. */
    private static final String RULES_B = """
            id: variant
            version: "2"
            rules:
              - id: capital-raise-by-executive
                title: Capital raise mentioned by an executive
                severity: HIGH
                when:
                  topics: [capital-raise]
                  roles: [EXECUTIVE]
              - id: management-change
                title: Management change mentioned by the company
                severity: HIGH
                when:
                  topics: [management]
                  roles: [EXECUTIVE, UNKNOWN]
              - id: guidance-with-number
                title: Guidance with an amount of money
                severity: MEDIUM
                when:
                  topics: [guidance]
                  forwardLooking: true
                  numbers: true
                  numberKinds: [MONEY]
              - id: thanks
                title: Someone says thank you
                severity: INFO
                once: per-call
                when:
                  phrases: ["thank you"]
            """;

    @TempDir
    static Path dir;

    private static Path corpus;
    private static Path out;
    private static Path rulesA;
    private static Path rulesB;
    private static CliRun run;

    @BeforeAll
    static void backtestTheSmallCorpus() throws Exception {
        Path data = SharedCalls.dataDir();
        corpus = Files.createDirectories(dir.resolve("corpus"));
        Files.copy(TESLA, corpus.resolve(TESLA.getFileName()));
        Path e21 = Files.createDirectories(corpus.resolve("earnings21"));
        for (String file : List.of(MONRO + ".txt", MONRO + ".segments.tsv", CULP + ".txt")) {
            Files.copy(data.resolve(file), corpus.resolve(file));
        }
        Files.writeString(e21.resolve("markup.segments.tsv"), "start_s\tend_s\tspeaker_label\ttext\n"
                + "0.0\t4.0\tOperator\tGood morning, and welcome to the call.\n"
                + "4.5\t9.0\tJane Doe\tThank you " + MARKUP + " for joining us.\n"
                + "9.5\t12.0\tJane Doe\tWe expect revenue of $2 billion next year.\n", StandardCharsets.UTF_8);
        Files.write(corpus.resolve("not-a-transcript.txt"), new byte[] {0, 1, 2, 'x'});
        // A manifest for one call: it names the company the title would, and says where it came from.
        Files.writeString(e21.resolve("calls.csv"), "file,company,ticker\n4330115_Culp-Inc.txt,\"Culp, Inc.\",CULP\n");
        rulesA = dir.resolve("a.rules.yaml");
        try (InputStream shipped = AlertRules.class.getResourceAsStream(AlertRules.DEFAULT_RESOURCE)) {
            Files.write(rulesA, shipped.readAllBytes());
        }
        rulesB = Files.writeString(dir.resolve("b.rules.yaml"), RULES_B);
        out = dir.resolve("report");
        run = CliRun.of("backtest", "--corpus", corpus.toString(), "--rules", rulesA.toString(), "--compare",
                rulesB.toString(), "--out", out.toString(), "--jobs", "2", "--embedding-cache",
                dir.resolve("sentence-embeddings.bin").toString());
    }

    @Test
    void runsAgainOverTheSameCorpusWithoutEmbeddingASentenceAndGivesTheSameReport() throws Exception {
        assertThat(run.exit()).as(run.err()).isZero();
        // The Tesla watchlist's example topics embed the Tesla call's sentences on the first run.
        assertThat(run.out()).containsPattern("Sentence embeddings: 0 kept from earlier runs, [1-9][0-9,]* added");
        Path again = dir.resolve("report-again");

        CliRun second = CliRun.of("backtest", "--corpus", corpus.toString(), "--rules", rulesA.toString(), "--compare",
                rulesB.toString(), "--out", again.toString(), "--jobs", "2", "--embedding-cache",
                dir.resolve("sentence-embeddings.bin").toString());

        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).containsPattern("Sentence embeddings: [1-9][0-9,]* kept from earlier runs, 0 added");
        for (String file : List.of("alerts.csv", "alerts.jsonl", "first-mentions.csv", "counts.csv", "compare.csv")) {
            assertThat(again.resolve(file)).as(file).hasSameBinaryContentAs(out.resolve(file));
        }
    }

    @Test
    void writesEveryFileAndSaysWhatItLeftOut() throws Exception {
        assertThat(run.exit()).as(run.err()).isZero();
        for (String file : List.of("alerts.csv", "alerts.jsonl", "first-mentions.csv", "counts.csv", "compare.csv",
                "skipped.csv", "report.html")) {
            assertThat(out.resolve(file)).isNotEmptyFile();
        }
        assertThat(run.out()).contains("Read 4 calls").contains("Backtested 4 calls").contains("lines/s")
                .contains("4320211_Monro-Inc.segments.tsv (the same call as 4320211_Monro-Inc.txt)")
                .contains("guidance-with-number").contains("B against A:").contains("report.html");
        assertThat(run.err()).contains("skipped " + corpus.resolve("not-a-transcript.txt"))
                .contains("4/4 calls");
        List<List<String>> skipped = csv("skipped.csv");
        assertThat(skipped).hasSize(3);
        assertThat(skipped.get(1).get(0)).endsWith("4320211_Monro-Inc.segments.tsv");
        assertThat(skipped.get(1).get(1)).contains("4320211_Monro-Inc.txt");
        assertThat(skipped.get(2).get(0)).endsWith("not-a-transcript.txt");
        assertThat(skipped.get(2).get(1)).contains("binary");
    }

    @Test
    void alertsAreExactlyWhatEachCallGivesAloneOnAFreshDriver() throws Exception {
        Map<String, List<JsonNode>> written = new LinkedHashMap<>();
        for (String line : Files.readAllLines(out.resolve("alerts.jsonl"))) {
            JsonNode row = new ObjectMapper().readTree(line);
            written.computeIfAbsent(row.get("rules").asText() + " " + row.get("call_id").asText(),
                    key -> new ArrayList<>()).add(row);
        }
        EnrichOptions defaults = EnrichOptions.defaults();
        Map<String, EnrichOptions> ruleSets = Map.of("A", withRules(defaults, rulesA), "B", withRules(defaults, rulesB));
        int compared = 0;
        for (Path file : List.of(corpus.resolve(TESLA.getFileName()), corpus.resolve(MONRO + ".txt"),
                corpus.resolve(CULP + ".txt"), corpus.resolve("earnings21/markup.segments.tsv"))) {
            LoadedCall call = SharedCalls.load(file).get(0);
            for (Map.Entry<String, EnrichOptions> set : ruleSets.entrySet()) {
                List<Alert> alone;
                try (InProcessEnrich enrich = InProcessEnrich.start(set.getValue())) {
                    alone = enrich.run(call.events()).alerts();
                }
                List<JsonNode> rows = written.getOrDefault(set.getKey() + " " + call.callId(), List.of());
                assertThat(rows.stream().map(BacktestCommandTest::describe).toList())
                        .as("rules %s, call %s", set.getKey(), call.callId())
                        .containsExactlyElementsOf(alone.stream().map(BacktestCommandTest::describe).toList());
                compared += alone.size();
            }
        }
        assertThat(compared).as("alerts compared").isGreaterThan(10);
        assertThat(written.values().stream().mapToInt(List::size).sum()).isEqualTo(compared);
    }

    @Test
    void compareListsTheDroppedRuleOnlyInAAndTheAddedRuleOnlyInB() throws Exception {
        List<List<String>> rows = csv("compare.csv");
        List<String> header = rows.get(0);
        int rule = header.indexOf("rule_id");
        int change = header.indexOf("change");
        int difference = header.indexOf("difference_ms");
        Map<String, Set<String>> changesByRule = new HashMap<>();
        rows.subList(1, rows.size()).forEach(r -> changesByRule.computeIfAbsent(r.get(rule), k -> new HashSet<>())
                .add(r.get(change)));

        List<JsonNode> alerts = jsonLines("alerts.jsonl");
        long declinedInA = alerts.stream().filter(a -> a.get("rules").asText().equals("A")
                && a.get("rule_id").asText().equals("declined-answer")).count();
        assertThat(declinedInA).as("declined answers in A").isPositive();
        assertThat(rows.stream().filter(r -> r.get(rule).equals("declined-answer"))).hasSize((int) declinedInA)
                .allSatisfy(r -> assertThat(r.get(change)).isEqualTo("only-A"));
        // Once per call, on every call: each call's "thank you" is only in B.
        assertThat(rows.stream().filter(r -> r.get(rule).equals("thanks")).map(r -> r.get(0)))
                .containsExactlyInAnyOrder("tesla-2016-q4-earnings-call", "4320211-monro-inc", "4330115-culp-inc",
                        "markup-segments");
        assertThat(changesByRule.get("thanks")).containsExactly("only-B");
        // A narrower condition fires on fewer turns, or later in a turn: never more, never earlier.
        assertThat(changesByRule.getOrDefault("guidance-with-number", Set.of())).isNotEmpty()
                .isSubsetOf("only-A", "later-in-B");
        rows.subList(1, rows.size()).stream().filter(r -> r.get(change).equals("later-in-B"))
                .forEach(r -> assertThat(Long.parseLong(r.get(difference))).isPositive());
        assertThat(changesByRule).doesNotContainKeys("capital-raise-by-executive", "management-change");
    }

    @Test
    void countsHaveARowPerCallAgreeingWithTheAlertsAndFirstMentionsOnePerTopic() throws Exception {
        List<List<String>> counts = csv("counts.csv");
        List<String> header = counts.get(0);
        assertThat(header).contains("call_id", "lines", "turns", "exchanges", "topics", "alerts_A",
                "A:declined-answer", "alerts_B", "B:thanks");
        assertThat(counts).hasSize(5);
        List<JsonNode> alerts = jsonLines("alerts.jsonl");
        for (List<String> row : counts.subList(1, counts.size())) {
            String call = row.get(header.indexOf("call_id"));
            for (String column : List.of("A:guidance-with-number", "B:guidance-with-number", "B:thanks")) {
                String[] setAndRule = column.split(":");
                long expected = alerts.stream().filter(a -> a.get("call_id").asText().equals(call)
                        && a.get("rules").asText().equals(setAndRule[0])
                        && a.get("rule_id").asText().equals(setAndRule[1])).count();
                assertThat(Long.parseLong(row.get(header.indexOf(column)))).as(call + " " + column).isEqualTo(expected);
            }
            assertThat(Integer.parseInt(row.get(header.indexOf("lines")))).isPositive();
        }
        List<String> teslaRow = counts.stream().filter(r -> r.get(0).equals("tesla-2016-q4-earnings-call"))
                .findFirst().orElseThrow();
        assertThat(teslaRow.get(header.indexOf("turns"))).isEqualTo("187");
        List<String> culpRow = counts.stream().filter(r -> r.get(0).equals("4330115-culp-inc")).findFirst()
                .orElseThrow();
        assertThat(culpRow.get(header.indexOf("company"))).isEqualTo("Culp, Inc.");
        assertThat(culpRow.get(header.indexOf("company_source"))).isEqualTo("manifest");
        List<String> monroRow = counts.stream().filter(r -> r.get(0).equals("4320211-monro-inc")).findFirst()
                .orElseThrow();
        assertThat(monroRow.get(header.indexOf("company_source"))).as("no manifest row: the title").isEqualTo("title");
        // The raw file with no flags: its company read from the speakers' affiliations, its roles from them.
        assertThat(teslaRow.get(header.indexOf("company"))).isEqualTo("Tesla, Inc.");
        assertThat(teslaRow.get(header.indexOf("company_source"))).isEqualTo("affiliations");
        assertThat(List.of("executive_turns", "analyst_turns", "operator_turns", "unknown_turns"))
                .extracting(column -> teslaRow.get(header.indexOf(column))).containsExactly("112", "60", "15", "0");
        assertThat(teslaRow.get(header.indexOf("exchanges"))).isEqualTo("14");

        List<List<String>> firsts = csv("first-mentions.csv");
        Set<String> callAndTopic = new HashSet<>();
        for (List<String> row : firsts.subList(1, firsts.size())) {
            assertThat(callAndTopic.add(row.get(0) + " " + row.get(1))).as("one row per call and topic").isTrue();
        }
        assertThat(callAndTopic).contains("tesla-2016-q4-earnings-call capital-raise", "markup-segments guidance");
        assertThat(callAndTopic).as("the Tesla watchlist, chosen by the company's name without a ticker")
                .contains("tesla-2016-q4-earnings-call model-3-ramp");
    }

    @Test
    void pageIsWellFormedWithAnSvgPerChartAndShowsMarkupAsText() throws Exception {
        String html = Files.readString(out.resolve("report.html"));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document page = factory.newDocumentBuilder().parse(out.resolve("report.html").toFile());

        NodeList svgs = page.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg");
        assertThat(svgs.getLength()).as("alerts per rule, A against B, a timeline per call").isEqualTo(2 + 4);
        assertThat(sectionHasSvg(page, "alerts-per-rule")).isTrue();
        assertThat(sectionHasSvg(page, "compare")).isTrue();
        assertThat(page.getElementsByTagNameNS("*", "script").getLength()).isZero();
        assertThat(html).doesNotContain("<script").doesNotContain("<b>AT&T");
        assertThat(html).as("nothing fetched from elsewhere").doesNotContain(" src=", "<link", "url(", "@import");
        assertThat(page.getDocumentElement().getTextContent()).contains(MARKUP);
    }

    private static boolean sectionHasSvg(Document page, String id) {
        NodeList sections = page.getElementsByTagNameNS("*", "section");
        for (int i = 0; i < sections.getLength(); i++) {
            Element section = (Element) sections.item(i);
            if (id.equals(section.getAttribute("id"))) {
                return section.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength() == 1;
            }
        }
        return false;
    }

    /** What the report must carry of an alert, read from the topology's own record. */
    private static String describe(Alert a) {
        return String.join(" | ", a.getAlertId(), a.getRuleId(), a.getSeverity().name(),
                String.valueOf(a.getCallOffsetMs()), String.valueOf(a.getKnownAtSeq()),
                String.valueOf(a.getTurnIndex()), String.valueOf(a.getTurnVersion()), a.getExcerpt(),
                a.getEvidence().stream().map(Span::getText).collect(Collectors.joining("/")),
                a.getSpeaker().getName() != null ? a.getSpeaker().getName()
                        : a.getSpeaker().getLabel() != null ? a.getSpeaker().getLabel() : "unknown");
    }

    /** The same, read from a line of alerts.jsonl. */
    private static String describe(JsonNode row) {
        List<String> evidence = new ArrayList<>();
        row.get("evidence").forEach(word -> evidence.add(word.asText()));
        return String.join(" | ", row.get("alert_id").asText(), row.get("rule_id").asText(),
                row.get("severity").asText(), row.get("call_time_ms").asText(), row.get("known_at_seq").asText(),
                row.get("turn_index").asText(), row.get("turn_version").asText(), row.get("excerpt").asText(),
                String.join("/", evidence), row.get("speaker").asText());
    }

    private static EnrichOptions withRules(EnrichOptions base, Path rules) {
        return new EnrichOptions(base.bounds(), base.taxonomies(),
                AlertRules.load(rules, EnrichOptions.topicIds(base.taxonomies())), base.clock());
    }

    private static List<List<String>> csv(String file) throws Exception {
        return CsvRecords.parse(Files.readString(out.resolve(file)));
    }

    private static List<JsonNode> jsonLines(String file) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve(file))) {
            rows.add(new ObjectMapper().readTree(line));
        }
        return rows;
    }
}
