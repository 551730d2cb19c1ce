package io.callstream.enrich.roles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.callstream.enrich.roles.OperatorCue.Introduction;
import io.callstream.enrich.tags.TurnLines;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class OperatorCueTest {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    @Test
    void readsTheTeslaOperatorsFirstIntroduction() {
        assertThat(OperatorCue.introduction("And our first question comes from the line of Adam Jonas with Morgan "
                + "Stanley. Your line is now open.")).contains(new Introduction("Adam Jonas", "Morgan Stanley"));
    }

    // Tesla Q4 2016 (bundled sample) and Earnings-21 operator lines, quoted as ingest delivers them (no time markers).
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "And our next question comes from the line of Jeff Osborne with Cowen and Company. Your line is now open.|Jeff Osborne|Cowen and Company",
        "Thank you. And our next question is from the line of Jeff Osborne with Cowen and Company. Your line is now open.|Jeff Osborne|Cowen and Company",
        "And our next question comes from the line of Joseph Spak with RBC Capital Markets. Your line is now open.|Joseph Spak|RBC Capital Markets",
        "And our next question comes from the line of Tyler Frank with Robert Baird. Your line is now open.|Tyler Frank|Robert Baird",
        "Our first question comes from the line of Derek De Bruin with Bank of America.|Derek De Bruin|Bank of America",
        "Your last question comes from the line of Scott Davis with Melius Research.|Scott Davis|Melius Research",
        "The next question comes from Michael Weinstein with Credit Suisse, please go ahead.|Michael Weinstein|Credit Suisse",
        "Our next question is from Gordon Lee, with BTG.|Gordon Lee|BTG",
        "The first question comes from Daniel Roeska from Sanford Bernstein.|Daniel Roeska|Sanford Bernstein",
        "We'll take our next question from Marco Rodriguez, of Stonegate Capital Markets, please go ahead.|Marco Rodriguez|Stonegate Capital Markets",
        "We'll take our first question from, Bobby Griffin with Raymond James, please go ahead.|Bobby Griffin|Raymond James",
        "Our last question will come from Antonella Bianchessi from Citi, please go ahead.|Antonella Bianchessi|Citi",
        "Steve Beuchaw with Wolfe Research, your line is open.|Steve Beuchaw|Wolfe Research",
        "Thank you. Steve Beuchaw, Wolfe Research, your line is open.|Steve Beuchaw|Wolfe Research",
        "We'll go to Ryan Brinkman with J.P. Morgan.|Ryan Brinkman|J.P. Morgan",
        "The next question is from Tyler Frank at Robert W. Baird. Please proceed with your question.|Tyler Frank|Robert W. Baird",
    })
    void readsCommonPhrasingsOfAnIntroduction(String line, String name, String firm) {
        assertThat(OperatorCue.introduction(line)).contains(new Introduction(name, firm));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "And our next question -",
        "The next question comes from Brian <unk> with <inaudible>.",
        "The next question comes from <inaudible>.",
        "We'll take the next question.",
        "Please go ahead.",
        "Thank you. And that does conclude our question and answer session for today.",
        "I'd like to thank Adam Jonas with Morgan Stanley for the question, but we don't report that.",
    })
    void findsNoIntroductionWhereNoNameAndFirmCanBeReadWithoutGuessing(String line) {
        assertThat(OperatorCue.introduction(line)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "We will now begin the question and answer session.",
        "Ladies and gentlemen, we will now begin the question-and-answer session.",
        "At this time we will open the floor for questions.",
        "At this time, I would like to open the floor for questions.",
        "Our first question comes from the line of Derek De Bruin with Bank of America.",
        "With that, I will open it up to questions and, uh, turn it back over to Sadie.",
        "At this time we'll be conducting a question and answer session.",
        "That concludes our prepared remarks and now we'd be happy to take your questions.",
        "Now we are going to entertain questions from the media.",
        "For our first question, we have Michael Baker from UBS.",
    })
    void recognisesTheCueThatOpensTheQuestions(String line) {
        assertThat(OperatorCue.opensQuestions(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "After the speakers' presentation, there will be a question and answer session.",
        "A question and answer session will follow the formal presentation.",
        "Ladies and gentlemen, this will conclude our question and answer session.",
        "Now we'll take a more detailed look at the results across the portfolio.",
        "To ask a question during the session, you will need to press star one on your telephone.",
        "You can submit questions, uh, to us via, uh, email to myself.",
        "We will open the floor for your questions and comments after the presentation.",
        "Then, we will be happy to answer your questions during the Q&A session.",
        "",
    })
    void doesNotTakeAnnouncementsOrClosingsForTheOpeningCue(String line) {
        assertThat(OperatorCue.opensQuestions(line)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "At this time all participants are in listen only mode.",
            "If you would like to ask a question, please press star one on your telephone keypad.",
            "To ask a question, press * 1.",
            "Please go ahead, your line is open.",
            "Our next question comes from the line of Georgina Frazer at Goldman Sachs.",
            "As a reminder, this conference is being recorded.",
            "That concludes our call. You may now disconnect.",
            "Thank you for holding. Please stay on the line and we'll be right back with you.",
            "Welcome to the Compumedics audio conferencing system.",
            "We will take the next question. It comes from the line of Ernesto from Bank of America."
    })
    void readsTheOperatorsScript(String line) {
        assertThat(OperatorCue.readsOperatorScript(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Good morning and welcome to our third quarter earnings call.",
            "With that, we will now open the call for questions.",
            "Thank you, operator.",
            "We pressed our suppliers hard this quarter.",
            "Thank you."
    })
    void doesNotTakeAHostsWordsForTheOperatorsScript(String line) {
        assertThat(OperatorCue.readsOperatorScript(line)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void tellsWhomTheFloorIsHandedToByTheLastWordsThatHandIt() {
        assertThat(OperatorCue.reading("Thank you, Angie. Next question is from Julian from Bank of America.")
                .handsFloorTo()).isEqualTo(io.callstream.avro.Role.ANALYST);
        assertThat(OperatorCue.reading("To ask a question, press star one. I would now like to turn the conference "
                + "over to your host, Mr. Frenz.").handsFloorTo()).isEqualTo(io.callstream.avro.Role.EXECUTIVE);
        assertThat(OperatorCue.reading("With that, I'll hand over to our CFO. Operator, we're ready for the first "
                + "question. Our first question comes from the line of Adam Jonas with Morgan Stanley.")
                .handsFloorTo()).isEqualTo(io.callstream.avro.Role.ANALYST);
        assertThat(OperatorCue.reading("Revenue grew in every region.").handsFloorTo())
                .isEqualTo(io.callstream.avro.Role.UNKNOWN);
    }

    @org.junit.jupiter.api.Test
    void handsTheFloorToACallerWhateverTheBlanksBetweenTheWords() {
        // a live feed's line as it was typed: the pattern takes any run of blanks between words, so must its filter
        assertThat(OperatorCue.reading("Thank you. Next\tquestion is from Julian, Bank of America.").handsFloorTo())
                .isEqualTo(io.callstream.avro.Role.ANALYST);
        assertThat(OperatorCue.reading("Julian, your  line is open.").handsFloorTo())
                .isEqualTo(io.callstream.avro.Role.ANALYST);
    }

    @org.junit.jupiter.api.Test
    void tellsAWelcomeToTheCompanysCallByNameFromAHostsWelcomeToOurCall() {
        assertThat(OperatorCue.welcomesToTheCompany("Good day, and welcome to the Affimed second quarter 2020 "
                + "financial results conference call.")).isTrue();
        assertThat(OperatorCue.welcomesToTheCompany("Welcome to Ecopetrol's earnings conference call.")).isTrue();
        assertThat(OperatorCue.welcomesToTheCompany("Good morning, and welcome to our third quarter call.")).isFalse();
        assertThat(OperatorCue.welcomesToTheCompany("Thank you all for joining us today.")).isFalse();
    }

    @org.junit.jupiter.api.Test
    void takesANamedVoiceForTheOperatorOnlyWhenItHandlesCallers() {
        assertThat(OperatorCue.reading("Ladies and gentlemen, if you would like to ask a question, please press star "
                + "one on your telephone keypad.").handlesCalls()).isTrue();
        assertThat(OperatorCue.reading("Good morning, and thanks for joining us. This call is being recorded.")
                .handlesCalls()).as("a host may say it").isFalse();
        assertThat(OperatorCue.reading("And I'll take our next question from Zach Silver with Benchmark.")
                .handlesCallsLoosely()).isTrue();
        assertThat(OperatorCue.reading("Revenue grew in the quarter.").handlesCallsLoosely()).isFalse();
    }

    /**
     * The introduction patterns are tried only where the text holds their required words: sound only if every match
     * holds them. Checked on every line and turn of the shared corpus and on the phrasings above.
     */
    @Test
    void everyIntroductionMatchHoldsTheWordsItIsPrefilteredBy() {
        List<String> texts = new ArrayList<>(List.of(
                "And our next question comes from the line of Jeff Osborne with Cowen and Company. Your line is open.",
                "We'll take our first question from, Bobby Griffin with Raymond James, please go ahead.",
                "For our first question, we have Tyler Frank from Robert Baird.",
                "Thank you. Steve Beuchaw, Wolfe Research, your line is open.",
                "We will go next to Ryan Brinkman with J.P. Morgan."));
        texts.addAll(TurnLines.linesAndTurns(" "));
        int matched = 0;
        for (String text : texts) {
            String lowerCase = OperatorCue.lowerCase(text);
            String cleaned = OperatorCue.cleaned(text, lowerCase);
            for (OperatorCue.Introducing introducing : OperatorCue.INTRODUCTIONS) {
                if (introducing.pattern().matcher(cleaned).find()) {
                    matched++;
                    String cleanedLowerCase = OperatorCue.lowerCase(cleaned);
                    assertThat(introducing.phrases()).as("%s in: %s", introducing.phrases(), cleaned)
                            .anyMatch(cleanedLowerCase::contains);
                    assertThat(introducing.words().mayMatch(lowerCase)).as("%s in: %s", introducing.words(), text)
                            .isTrue();
                }
            }
        }
        assertThat(matched).as("introductions found").isGreaterThan(5);
    }

    /**
     * {@link OperatorCue#cleaned} skips the regex replacements where they cannot change the text,
     * {@link OperatorCue#mayIntroduce} finds the prefilter's words by hand, and the script and Q&amp;A cues are tried
     * only on texts holding their words: each must give what the regexes give, on every line and turn of the shared
     * corpus and on texts made to trip the shortcuts.
     */
    @Tag("sweep")
    @Test
    void shortcutsGiveWhatTheRegexesGive() {
        List<String> texts = new ArrayList<>(List.of(
                "Please go ahead.", "PLEASE PROCEED with your question", "go  Ahead", "go\tahead, sir", "  padded  ",
                "a\u000Bb", "tab\there", "line\nbreak", "ahead of plan", "pleased to", "ple ase", "", " ",
                "Jeff Osborne with Cowen, please go ahead, sir. Your line is open.", "\u017Fo go ahead", "Go\tahead", "ago ",
                "GO\n", "go", "ego", "online", "please\n proceed", "Please  PROCEED", "go ahead", "goahead", "go-ahead",
                "QUESTION", "Questio", "lin e", "LiNe",
                "We will now begin the Q & A session.", "Press star one.", "This conference is now concluded.",
                "You may now disconnect.", "We're happy to take your questions.", "xpress star one", "PRESS  *1",
                "Today\u2019s call is being recorded.", "I'd like to open the floor to questions.", "Let's begin Q&A.",
                "At this time, we will conduct a question-and-answer session.", "youmay disconnect", "ilisten-only mode",
                "Thanks for holding.", "please  hold the line", "Conference center, may I have your code?",
                "conferencing  system", "register for questions", "our next question comes on the line of X",
                "xthank you for waiting", "the line of",
                // the floor handed on, to a caller or to the company, in the spellings the start tests judge
                "I'd like to introduce our CEO.", "I\u2019D  like to introduce", "'d like to introduce",
                "x'd like to introduce", "\ud835\udc00'd like to introduce", "e\u0301'd like to introduce",
                "_'d like to introduce", "I'dlike to", "let me turn it over to Elon", "handing the call to",
                "PASS the floor over to", "pleasure to welcome", "It's my pleasure to introduce",
                "would now like to introduce", "xturn it over to", "Next question comes from",
                "go ahead with your question", "press star one", "Your line is open.", "we'll take our next question",
                "first question is from X. Then the last question comes from Y",
                // blanks other than one space between a phrase's words, as a live feed may send them
                "Julian, your  line is open.", "Next\tquestion comes from X", "press\n star one",
                "go ahead with  your question",
                // a letter outside ASCII before a word: a word character to \b up to JDK 18, none from JDK 19
                "\u00e9would like to introduce", "\u00c9next question is from X", "\u00e9press star one"));
        texts.addAll(TurnLines.linesAndTurns(" ", "\n"));
        int invitations = 0;
        int handOvers = 0;
        int changed = 0;
        int mayIntroduce = 0;
        int opens = 0;
        int script = 0;
        for (String text : texts) {
            boolean found = OperatorCue.MAY_INTRODUCE.matcher(text).find();
            assertThat(OperatorCue.mayIntroduce(OperatorCue.lowerCase(text))).as(text).isEqualTo(found);
            mayIntroduce += found ? 1 : 0;
            boolean opening = OperatorCue.OPENS.matcher(text).find();
            assertThat(OperatorCue.findsOpening(text)).as(text).isEqualTo(opening);
            if (opening) {
                assertThat(OperatorCue.mayOpenQuestions(OperatorCue.lowerCase(text))).as(text).isTrue();
                opens++;
            }
            if (OperatorCue.INVITES_CALLER.matcher(text).find()) {
                assertThat(OperatorCue.mayInviteCaller(OperatorCue.lowerCase(text))).as(text).isTrue();
            }
            int invitation = lastStart(OperatorCue.INVITES_CALLER.matcher(text));
            assertThat(OperatorCue.lastInvitation(text)).as(text).isEqualTo(invitation);
            invitations += invitation >= 0 ? 1 : 0;
            int handOver = lastStart(OperatorCue.HANDS_TO_COMPANY.matcher(text));
            assertThat(OperatorCue.lastHandOver(text)).as(text).isEqualTo(handOver);
            handOvers += handOver >= 0 ? 1 : 0;
            boolean scripted = OperatorCue.OPERATOR_SCRIPT.matcher(text).find();
            assertThat(OperatorCue.findsScript(text)).as(text).isEqualTo(scripted);
            if (scripted) {
                assertThat(OperatorCue.mayReadScript(OperatorCue.lowerCase(text))).as(text).isTrue();
                script++;
            }
            String expected = WHITESPACE.matcher(OperatorCue.TRAILERS.matcher(text).replaceAll(" "))
                    .replaceAll(" ").trim();
            assertThat(OperatorCue.cleaned(text, OperatorCue.lowerCase(text))).as(text).isEqualTo(expected);
            if (!expected.equals(text.trim())) {
                changed++;
            }
        }
        assertThat(changed).as("texts the replacements change").isGreaterThan(10);
        assertThat(invitations).as("texts inviting a caller").isGreaterThan(100);
        assertThat(handOvers).as("texts handing the floor to the company").isGreaterThan(50);
        assertThat(mayIntroduce).as("texts that may introduce").isGreaterThan(10).isLessThan(texts.size());
        assertThat(opens).as("texts that open the questions").isGreaterThan(10);
        assertThat(script).as("texts of the operator's script").isGreaterThan(10);
    }

    /** The start of the last match, as a plain find loop gives it: the reference for the start tests. */
    private static int lastStart(java.util.regex.Matcher m) {
        int start = -1;
        while (m.find()) {
            start = m.start();
        }
        return start;
    }
}
