package io.callstream.enrich;

import static io.callstream.enrich.EnrichDriver.finals;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.callstream.avro.QaExchange;
import io.callstream.avro.Role;
import io.callstream.avro.Section;
import io.callstream.avro.Speaker;
import io.callstream.avro.SpeakerTurn;
import io.callstream.avro.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Who speaks: late identification re-issues earlier turns, and cues in the call name anonymous voices. */
class SpeakerIdentificationTest {

    @RegisterExtension
    static final EnrichDrivers DRIVERS = new EnrichDrivers();

    private static final String TESLA = "Tesla, Inc.";
    private static final Section QA = Section.QUESTIONS_AND_ANSWERS;

    private EnrichDriver driver;
    private final TestCallEvents call = new TestCallEvents("call-1");

    private EnrichDriver driver(Map<String, String> overrides) {
        driver = DRIVERS.open(overrides);
        driver.pipe(call.started(TESLA));
        return driver;
    }

    private void say(String label, String text) {
        driver.pipe(call.line(label, null, QA, text));
    }

    /** The latest version of each turn, by index. */
    private static Map<Integer, SpeakerTurn> latest(List<SpeakerTurn> turns) {
        return turns.stream().collect(Collectors.toMap(SpeakerTurn::getTurnIndex, Function.identity(),
                (a, b) -> a.getVersion() >= b.getVersion() ? a : b));
    }

    @Test
    void reissuesEveryEarlierTurnOfALabelWhenTheSpeakerIsIdentifiedLate() {
        // Only one closed turn keeps its lines: the identification must still reach the oldest turn.
        driver(Map.of(EnrichSettings.RECENT_TURNS_KEPT_CONFIG, "1"));
        say("Speaker 2", "We delivered more cars than ever.");
        say("Operator", "Thank you.");
        say("Speaker 2", "And margins improved.");
        say("Operator", "Next question.");
        say("Speaker 2", "Let me add one thing.");
        List<SpeakerTurn> before = driver.turns();
        assertThat(latest(before).values()).filteredOn(t -> "Speaker 2".equals(t.getSpeaker().getLabel()))
                .allSatisfy(t -> {
                    assertThat(t.getSpeaker().getName()).isNull();
                    assertThat(t.getSpeaker().getRole()).as("read from the call, as the company's voice")
                            .isEqualTo(Role.EXECUTIVE);
                });

        driver.pipe(call.identified("Speaker 2", "Elon Musk", TESLA, Role.UNKNOWN));

        List<SpeakerTurn> reissued = driver.turns();
        assertThat(reissued).extracting(SpeakerTurn::getTurnIndex).containsExactly(0, 2, 4);
        assertThat(reissued).extracting(SpeakerTurn::getStatus)
                .containsExactly(Status.FINAL, Status.FINAL, Status.PARTIAL);
        Map<Integer, SpeakerTurn> was = latest(before);
        assertThat(reissued).allSatisfy(t -> {
            assertThat(t.getSpeaker().getName()).isEqualTo("Elon Musk");
            assertThat(t.getSpeaker().getRole()).as("role read from the affiliation").isEqualTo(Role.EXECUTIVE);
            assertThat(t.getVersion()).isEqualTo(was.get(t.getTurnIndex()).getVersion() + 1);
            assertThat(t.getText()).isEqualTo(was.get(t.getTurnIndex()).getText());
        });

        say("Speaker 2", "That's all.");
        driver.pipe(call.ended());
        assertThat(finals(driver.turns())).singleElement()
                .satisfies(t -> assertThat(t.getSpeaker().getName()).isEqualTo("Elon Musk"));
    }

    @Test
    void keepsTheIdentifiedNameWhenALaterRevisionReissuesTheTurn() {
        driver(Map.of());
        say("Speaker 2", "We delivered more cars than ever.");
        say("Operator", "Thank you.");
        driver.pipe(call.identified("Speaker 2", "Elon Musk", TESLA, Role.EXECUTIVE));
        driver.turns();

        driver.pipe(call.line(0, 1, Status.FINAL, "Speaker 2", QA, "We delivered more cars than ever before."));

        assertThat(driver.turns()).singleElement().satisfies(t -> {
            assertThat(t.getText()).isEqualTo("We delivered more cars than ever before.");
            assertThat(t.getSpeaker().getName()).isEqualTo("Elon Musk");
        });
    }

    @Test
    void recognisesTheOperatorBehindAnAnonymousLabelFromTheirScript() {
        driver(Map.of());
        say("Speaker 1", "Good day, and welcome. All participants are in a listen-only mode.");
        say("Speaker 2", "Thank you, operator. Welcome to our call.");
        say("Speaker 1", "Thank you.");
        say("Speaker 1", "Our next question comes from the line of Adam Jonas with Morgan Stanley.");
        say("Speaker 4", "Hi, thanks. On the ramp?");
        driver.pipe(call.ended());

        Map<Integer, SpeakerTurn> turns = latest(driver.turns());
        assertThat(turns.get(0).getSpeaker().getRole()).isEqualTo(Role.OPERATOR);
        assertThat(turns.get(0).getSpeaker().getName()).isNull();
        assertThat(turns.get(1).getSpeaker().getRole())
                .as("a host who welcomes people to their call is the company's, not the operator")
                .isEqualTo(Role.EXECUTIVE);
        assertThat(turns.get(2).getSpeaker().getRole())
                .as("the operator's turn opened with 'Thank you.'; the introduction reveals who speaks")
                .isEqualTo(Role.OPERATOR);
        assertThat(turns.get(2).getText()).contains("Adam Jonas");
    }

    @Test
    void givesTheIntroducedAnalystToTheNextNewVoiceOnly() {
        driver(Map.of());
        say("Speaker 1", "Our first question comes from the line of Adam Jonas with Morgan Stanley.");
        say("Speaker 4", "How many cars this year?");
        say("Speaker 2", "Quite a few.");
        say("Speaker 4", "And next year?");
        say("Speaker 1", "Our next question comes from the line of Ryan Brinkman with JPMorgan.");
        say("Speaker 2", "Before that, one more word on the ramp.");
        say("Speaker 6", "Thanks. On margins?");
        driver.pipe(call.ended());

        List<Speaker> speakers = finals(driver.turns()).stream()
                .sorted(Comparator.comparingInt(SpeakerTurn::getTurnIndex)).map(SpeakerTurn::getSpeaker).toList();
        assertThat(speakers.get(1).getName()).isEqualTo("Adam Jonas");
        assertThat(speakers.get(1).getAffiliation()).isEqualTo("Morgan Stanley");
        assertThat(speakers.get(1).getRole()).isEqualTo(Role.ANALYST);
        assertThat(speakers.get(2).getName()).as("the executive answering is not named").isNull();
        assertThat(speakers.get(3).getName()).as("the analyst's follow-up keeps the name").isEqualTo("Adam Jonas");
        assertThat(speakers.get(5).getName()).as("a voice heard before the introduction is not the analyst").isNull();
        assertThat(speakers.get(5).getRole()).as("it answered before: the company's").isEqualTo(Role.EXECUTIVE);
        assertThat(speakers.get(6).getRole()).isEqualTo(Role.ANALYST);
        assertThat(speakers.get(6).getName())
                .as("a company voice speaking up after the introduction leaves it to the caller's new voice")
                .isEqualTo("Ryan Brinkman");
    }

    @Test
    void addsTheFirmAndRoleToANamedLabelTheOperatorIntroduces() {
        driver(Map.of());
        say("Operator", "Our next question comes from Brian Nagel with Oppenheimer.");
        say("Brian Nagel", "Good morning. On traffic?");
        driver.pipe(call.ended());

        assertThat(finals(driver.turns())).last().satisfies(t -> {
            assertThat(t.getSpeaker().getName()).isEqualTo("Brian Nagel");
            assertThat(t.getSpeaker().getAffiliation()).isEqualTo("Oppenheimer");
            assertThat(t.getSpeaker().getRole()).isEqualTo(Role.ANALYST);
        });
    }

    @Test
    void carriesALateIdentificationAndARevisedRefusalIntoTheExchange() {
        driver(Map.of());
        say("Operator", "Our first question comes from the line of Adam Jonas with Morgan Stanley.");
        say("Speaker 4", "What was the margin on the Model S?");
        say("Speaker 2", "It was fine.");
        say("Operator", "Our next question comes from the line of Ryan Brinkman with JPMorgan.");
        say("Speaker 6", "On margins?");
        QaExchange closed = driver.exchanges().stream().filter(e -> e.getStatus() == Status.FINAL)
                .reduce((a, b) -> b).orElseThrow();
        assertThat(closed.getExchangeIndex()).isZero();
        assertThat(closed.getAnsweredBy()).singleElement().satisfies(s -> assertThat(s.getName()).isNull());

        driver.pipe(call.identified("Speaker 2", "Elon Musk", TESLA, Role.EXECUTIVE));
        assertThat(driver.exchanges()).singleElement().satisfies(e -> {
            assertThat(e.getExchangeId()).isEqualTo(closed.getExchangeId());
            assertThat(e.getStatus()).isEqualTo(Status.FINAL);
            assertThat(e.getVersion()).isEqualTo(closed.getVersion() + 1);
            assertThat(e.getAnsweredBy()).singleElement().satisfies(s -> assertThat(s.getName()).isEqualTo("Elon Musk"));
        });

        driver.pipe(call.line(2, 1, Status.FINAL, "Speaker 2", QA, "We don't break that down."));
        assertThat(driver.exchanges()).singleElement().satisfies(e -> {
            assertThat(e.getDeclined()).isTrue();
            assertThat(e.getDeclineEvidence().getText()).isEqualToIgnoringCase("we don't break that down");
            assertThat(e.getVersion()).isEqualTo(closed.getVersion() + 2);
        });

        driver.pipe(call.ended());
        assertThat(driver.heldExchanges("call-1")).as("the call's exchanges go when it ends").isEmpty();
    }
}
