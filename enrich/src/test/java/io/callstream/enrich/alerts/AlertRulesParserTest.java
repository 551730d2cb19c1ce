package io.callstream.enrich.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.Set;

import io.callstream.avro.NumberKind;
import io.callstream.avro.Role;
import io.callstream.avro.Severity;
import org.junit.jupiter.api.Test;

class AlertRulesParserTest {

    private static final Set<String> TOPICS = Set.of("capital-raise", "management", "guidance");

    private static AlertRules parse(String yaml) {
        return AlertRulesParser.parse("test.yaml", new StringReader(yaml), TOPICS);
    }

    private static RulesFileException failure(String yaml) {
        try {
            parse(yaml);
        } catch (RulesFileException e) {
            return e;
        }
        throw new AssertionError("expected the rules to be refused");
    }

    @Test
    void loadsTheDefaultRules() {
        AlertRules rules = AlertRules.defaults(TOPICS);

        assertThat(rules.id()).isEqualTo("default");
        assertThat(rules.version()).isNotBlank();
        assertThat(rules.rules()).extracting(AlertRule::id).containsExactly(
                "capital-raise-by-executive", "management-change", "guidance-with-number", "declined-answer");
        assertThat(rules.rules()).extracting(AlertRule::severity)
                .containsExactly(Severity.HIGH, Severity.HIGH, Severity.MEDIUM, Severity.INFO);
    }

    @Test
    void readsEveryKindOfCondition() {
        AlertRules rules = parse("""
                id: mine
                version: "3"
                rules:
                  - id: big-money
                    title: Money guidance in the Q&A
                    severity: medium
                    once: per-call
                    when:
                      topics: [guidance]
                      roles: [EXECUTIVE, UNKNOWN]
                      sections: [QUESTIONS_AND_ANSWERS]
                      numbers: true
                      numberKinds: [MONEY]
                      forwardLooking: true
                      firstMention: true
                      declined: false
                      phrases: ["by the end of this year"]
                """);

        AlertRule rule = rules.rules().get(0);
        assertThat(rule.once()).isEqualTo(AlertRule.Once.PER_CALL);
        assertThat(rule.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(rule.line()).isEqualTo(4);
        AlertCondition when = rule.when();
        assertThat(when.topics()).containsExactly("guidance");
        assertThat(when.roles()).containsExactlyInAnyOrder(Role.EXECUTIVE, Role.UNKNOWN);
        assertThat(when.numberKinds()).containsExactly(NumberKind.MONEY);
        assertThat(when.numbers()).isTrue();
        assertThat(when.forwardLooking()).isTrue();
        assertThat(when.firstMention()).isTrue();
        assertThat(when.declined()).isFalse();
        assertThat(when.phrases()).singleElement()
                .satisfies(p -> assertThat(p.matcher("done By  the END of this year.").find()).isTrue());
    }

    @Test
    void refusesAnUnknownTopicIdAtItsLine() {
        RulesFileException e = failure("""
                id: mine
                version: "1"
                rules:
                  - id: r
                    title: T
                    severity: HIGH
                    when:
                      topics: [guidance, cash-burn]
                """);

        assertThat(e.source()).isEqualTo("test.yaml");
        assertThat(e.line()).isEqualTo(8);
        assertThat(e.getMessage()).startsWith("test.yaml:8: unknown topic id 'cash-burn'");
    }

    @Test
    void refusesAMisspeltConditionRatherThanMatchingEverything() {
        RulesFileException e = failure("""
                id: mine
                version: "1"
                rules:
                  - id: r
                    title: T
                    severity: HIGH
                    when:
                      topic: [guidance]
                """);

        assertThat(e.line()).isEqualTo(8);
        assertThat(e.reason()).contains("unknown key 'topic'");
    }

    @Test
    void refusesBrokenYamlWithItsLine() {
        RulesFileException e = failure("id: mine\nversion: \"1\"\nrules:\n  - id: r\n    title: [unclosed\n");

        assertThat(e.line()).isPositive();
        assertThat(e.reason()).startsWith("not valid YAML");
    }

    @Test
    void refusesDuplicateRuleIdsUnknownSeveritiesAndFirstMentionWithoutTopics() {
        String rule = "  - id: r\n    title: T\n    severity: %s\n    when:\n      %s\n";
        assertThat(failure("id: a\nversion: '1'\nrules:\n" + rule.formatted("HIGH", "declined: true")
                + rule.formatted("HIGH", "declined: true")).reason()).contains("duplicate rule id 'r'");
        assertThat(failure("id: a\nversion: '1'\nrules:\n" + rule.formatted("URGENT", "declined: true")).reason())
                .contains("severity 'URGENT' is not one of [INFO, LOW, MEDIUM, HIGH]");
        assertThat(failure("id: a\nversion: '1'\nrules:\n" + rule.formatted("HIGH", "firstMention: true")).reason())
                .contains("firstMention needs topics");
        assertThat(failure("id: a\nversion: '1'\nrules:\n" + rule.formatted("HIGH", "declined: maybe")).reason())
                .contains("declined must be true or false");
    }

    @Test
    void refusesAFileWithoutRulesOrVersion() {
        assertThat(failure("id: a\nversion: '1'\nrules: []\n").reason()).contains("non-empty list");
        assertThat(failure("id: a\nrules:\n  - id: r\n").reason()).contains("missing 'version'");
        assertThat(failure("").reason()).contains("empty");
        assertThatThrownBy(() -> parse("id: Bad Id\nversion: '1'\nrules: []\n"))
                .hasMessageContaining("must be lower-case");
    }
}
