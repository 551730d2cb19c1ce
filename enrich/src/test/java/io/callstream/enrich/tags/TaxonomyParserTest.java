package io.callstream.enrich.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaxonomyParserTest {

    private static final String HEADER = "taxonomy: demo\nversion: 1\n";

    private final TaxonomyParser parser = new TaxonomyParser();

    private Taxonomy parse(String text) throws IOException {
        return parser.parse(new StringReader(text), "demo.taxonomy");
    }

    @Test
    void readsHeaderTopicsAndEveryQueryWithItsLine() throws IOException {
        Taxonomy taxonomy = parse("""
                # a comment
                taxonomy: demo
                version: 2026-11-27.1
                ticker: TSLA

                topic: capital-raise
                label: Capital raise
                query: "raise capital"~3
                  query:   dilution
                topic: capex
                label: Capital expenditure
                query: capex OR "capital expenditure"
                """);

        assertThat(taxonomy.id()).isEqualTo("demo");
        assertThat(taxonomy.version()).isEqualTo("2026-11-27.1");
        assertThat(taxonomy.ticker()).isEqualTo("TSLA");
        assertThat(taxonomy.source()).isEqualTo("demo.taxonomy");
        assertThat(taxonomy.line()).isEqualTo(2);
        assertThat(taxonomy.topics()).extracting(TopicRule::id).containsExactly("capital-raise", "capex");
        TopicRule raise = taxonomy.topics().get(0);
        assertThat(raise.label()).isEqualTo("Capital raise");
        assertThat(raise.line()).isEqualTo(6);
        assertThat(raise.queries()).containsExactly(
                new TopicRule.QueryLine(8, "\"raise capital\"~3"), new TopicRule.QueryLine(9, "dilution"));
    }

    @Test
    void aTaxonomyWithoutTickerAppliesToEveryCall() throws IOException {
        Taxonomy taxonomy = parse(HEADER + "topic: a\nlabel: A\nquery: a\n");

        assertThat(taxonomy.ticker()).isNull();
        assertThat(taxonomy.appliesTo("TSLA")).isTrue();
        assertThat(taxonomy.appliesTo(null)).isTrue();
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // the file's text after the header (lines 1-2) | line | reason
        "topic: a\\nlabel: A\\nquery a| 5| expected 'key: value', found 'query a'",
        "topic: a\\nlable: A\\nquery: a| 4| unknown key 'lable' (known: taxonomy, version, ticker, companies, topic, label, query, description, example, similarity)",
        "topic: a\\nlabel: A\\nquery: a\\ntopic: a\\nlabel: B\\nquery: b| 6| duplicate topic id 'a' (first at line 3)",
        "topic: a\\nlabel: A\\nquery: a\\nquery: (raise AND capital| 6| invalid query at column 26: unexpected end of query (an unclosed parenthesis?)",
        "topic: a\\nlabel: A\\nquery: raise AND) capital| 5| invalid query at column 17: unexpected ')'",
        "topic: a\\nlabel: A\\nquery: \"raise capital| 5| invalid query at column 22: unexpected end of query (an unclosed quote, or a trailing \\?)",
        "topic: a\\nlabel: A\\nquery: title:capital| 5| invalid query: unknown field 'title': rules match the turn text; write the words without 'title:'",
        "topic: a\\nlabel: A\\nquery: -capital| 5| invalid query: the query has no word that may match (only NOT clauses, or no words at all)",
        "topic: a\\nlabel: A\\nquery: *:*| 5| invalid query: the query matches every turn",
        "topic: a\\nlabel: A\\nquery: \"–\"| 5| invalid query: the query has no word that may match (only NOT clauses, or no words at all)",
        "query: a| 3| 'query:' outside a topic: start one with 'topic: <id>'",
        "topic: a\\nlabel: A| 3| topic 'a' has neither a query nor an example",
        "topic: a\\nquery: a\\ntopic: b| 3| topic 'a' has no label",
        "topic: a\\nlabel: A\\nlabel: B\\nquery: a| 5| a second label for topic 'a' (the first is at line 4)",
        "topic: Capital Raise\\nlabel: A\\nquery: a| 3| bad topic id 'Capital Raise': use lower-case letters, digits and single hyphens ('capital-raise')",
        "topic: a\\nlabel: A\\nquery: a\\nversion: 2| 6| 'version:' belongs in the header, before the first topic",
        "version: 2\\ntopic: a\\nlabel: A\\nquery: a| 3| a second 'version:' (the first is at line 2)",
        "ticker: tsla\\ntopic: a\\nlabel: A\\nquery: a| 3| bad ticker 'tsla': use upper case ('TSLA')",
        "topic: a\\nlabel:\\nquery: a| 4| 'label:' has no value",
        "topic: a\\nlabel: A\\nexample: Prices rose.\\nsimilarity: 1.5| 6| bad similarity '1.5': a number between 0 and 1, such as 0.6",
        "example: Prices rose.| 3| 'example:' outside a topic: start one with 'topic: <id>'",
    })
    void refusesABadFileNamingTheFileTheLineAndTheReason(String body, int line, String reason) {
        String text = HEADER + body.replace("\\n", "\n") + "\n";

        assertThatThrownBy(() -> parse(text))
                .isInstanceOfSatisfying(TaxonomyException.class, e -> {
                    assertThat(e.file()).isEqualTo("demo.taxonomy");
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e).hasMessage("demo.taxonomy:" + line + ": " + reason);
                });
    }

    @Test
    void refusesAFileWithoutIdOrVersionAtTheFirstTopic() {
        assertThatThrownBy(() -> parse("# rules\nversion: 1\n\ntopic: a\nlabel: A\nquery: a\n"))
                .hasMessage("demo.taxonomy:4: no 'taxonomy: <id>' line before the first topic");
        assertThatThrownBy(() -> parse("taxonomy: demo\ntopic: a\nlabel: A\nquery: a\n"))
                .hasMessage("demo.taxonomy:2: no 'version: <version>' line before the first topic");
        assertThatThrownBy(() -> parse(HEADER))
                .hasMessage("demo.taxonomy:2: no topics: start one with 'topic: <id>'");
    }

    @Test
    void namesAFileOnDiskByItsFileName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mine.taxonomy");
        Files.writeString(file, HEADER + "topic: a\nlabel: A\nquery: lable: a\n");

        assertThatThrownBy(() -> parser.parse(file))
                .isInstanceOf(TaxonomyException.class)
                .hasMessage("mine.taxonomy:5: invalid query: unknown field 'lable': rules match the turn text;"
                        + " write the words without 'lable:'");
    }

    @Test
    void refusesBytesThatAreNotUtf8AtTheirLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.taxonomy");
        Files.write(file, (HEADER + "topic: a\nlabel: Caf\u00e9\nquery: a\n").getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> parser.parse(file))
                .isInstanceOf(TaxonomyException.class)
                .hasMessageStartingWith("latin1.taxonomy:4: not valid UTF-8");
    }

    @Test
    void aPhraseWhoseSlopReachesAcrossTheSentenceGapIsRefusedWithFileAndLine() {
        assertThatThrownBy(() -> parse(HEADER + "topic: a\nlabel: A\nquery: \"raise capital\"~120\n"))
                .isInstanceOf(TaxonomyException.class)
                .hasMessageStartingWith("demo.taxonomy:")
                .hasMessageContaining("gap between two sentences")
                .satisfies(e -> assertThat(((TaxonomyException) e).line()).isEqualTo(5));
    }

    @Test
    void aPhraseWithinTheSentenceGapIsAccepted() throws IOException {
        assertThat(parse(HEADER + "topic: a\nlabel: A\nquery: \"raise capital\"~98\n").topics()).hasSize(1);
    }
}
