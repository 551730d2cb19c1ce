package io.callstream.enrich.tags;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.callstream.enrich.SweepSlice;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link SafeHarbourSentences.Presence}, which reads a growing turn once, answers on every prefix what a scan of the
 * whole prefix answers ({@link SafeHarbourSentences#blank} leaves a text without a notice as it is): on every line
 * prefix of every call, and on the turns that hold a notice grown a few characters at a time, so that the text ends
 * inside a set phrase, inside a gap and inside the bounded reaches of the notice's alternatives.
 */
class SafeHarbourPresenceTest {

    @Tag("sweep")
    @Test
    void answersAsAWholeScanOnEveryPrefixOfEveryCall() {
        List<TurnLines.Call> calls = new ArrayList<>(SweepSlice.current().of(TurnLines.shared(), TurnLines.Call::name));
        calls.add(TurnLines.tesla());
        long checked = calls.parallelStream().mapToLong(call -> {
            long count = 0;
            Random random = new Random(call.name().hashCode());
            for (List<String> lines : call.turns()) {
                SafeHarbourSentences.Presence presence = new SafeHarbourSentences.Presence();
                for (int n = 1; n <= lines.size(); n++) {
                    String prefix = TurnLines.prefix(lines, n);
                    assertThat(presence.in(prefix)).as("%s: %s", call.name(), prefix).isEqualTo(holds(prefix));
                    count++;
                }
                String whole = TurnLines.prefix(lines, lines.size());
                if (holds(whole)) {
                    presence = new SafeHarbourSentences.Presence();
                    String text = whole.substring(0, Math.min(whole.length(), 4000));
                    for (int end = 0; end <= text.length(); end += 1 + random.nextInt(6)) {
                        String prefix = text.substring(0, end);
                        assertThat(presence.in(prefix)).as("%s: %s", call.name(), prefix).isEqualTo(holds(prefix));
                        count++;
                    }
                }
            }
            return count;
        }).sum();
        System.out.println("presence equals a whole scan on " + checked + " prefixes");
    }

    @Test
    void answersAsAWholeScanOnHandMadeTurnsGrownCharacterByCharacter() {
        for (String text : List.of(
                "These statements include our outlook. Thanks.",
                "We refer you to the slides for the reconciliation. Some non-GAAP measures are used and discussed.",
                "Actual, uh, results could, as you know, differ materially. OK.",
                "forward - looking statement",
                "Hello. So we discussed demand, and non gap, uh, financial measures are in the appendix.",
                "risks and uncertainties   , um,  of the business",
                "  such statements are")) {
            SafeHarbourSentences.Presence presence = new SafeHarbourSentences.Presence();
            for (int end = 0; end <= text.length(); end++) {
                String prefix = text.substring(0, end);
                assertThat(presence.in(prefix)).as(prefix).isEqualTo(holds(prefix));
            }
        }
    }

    /**
     * Guards the hand-derived {@link SafeHarbourSentences.Presence#mayBeginAfterStart}: an attempt of the notice at
     * a start after the first, on any code point it says no to, fails without reaching the end, after a word
     * character and after a non-word one (all the notice reads before a start is "\\b"), so no text after it can
     * change that. Every code point, surrogates alone included; and the letters it says yes to do begin a notice.
     */
    @Tag("sweep")
    @Test
    void startsSkippedByTheirFirstCharacterCannotBeginANotice() {
        long probed = 0;
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String c = new String(Character.toChars(cp));
            boolean skipped = !SafeHarbourSentences.Presence.mayBeginAfterStart(c.charAt(0));
            if (!skipped) {
                continue;
            }
            for (String before : List.of("x", " ", "\n", "-", "\u00e9")) {
                String text = before + c;
                java.util.regex.Matcher notice = SafeHarbourSentences.NOTICE.matcher(text)
                        .useTransparentBounds(true).useAnchoringBounds(false).region(before.length(), text.length());
                assertThat(notice.lookingAt()).as("U+%04X after '%s'", cp, before).isFalse();
                assertThat(notice.hitEnd()).as("U+%04X after '%s' reaches the end", cp, before).isFalse();
                probed++;
            }
        }
        for (String opening : List.of("actual results differ", "discussed non-GAAP measures", "forward looking statements",
                "non-GAAP measures are in the release", "reconciliation to non-GAAP", "risks and uncertainties",
                "safe harbor", "securities litigation reform", "undertakes no obligation",
                "as defined in our press release")) {
            for (String cased : List.of(opening, opening.toUpperCase(java.util.Locale.ROOT))) {
                assertThat(SafeHarbourSentences.Presence.mayBeginAfterStart(cased.charAt(0))).as(cased).isTrue();
                assertThat(SafeHarbourSentences.NOTICE.matcher("x " + cased).find()).as(cased).isTrue();
            }
        }
        // Pairs: every first character allowed, every next code point the pair test says no to.
        for (char first : "adfnrsuADFNRSU".toCharArray()) {
            for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
                String next = new String(Character.toChars(cp));
                if (SafeHarbourSentences.Presence.mayBeginAfterStart(first, next.charAt(0))) {
                    continue;
                }
                // What comes before a start matters only to "\\b", before 'r': after a blank it holds.
                for (String before : cp < 0x10000 ? List.of(" ", "x") : List.of(" ")) {
                    String text = before + first + next;
                    java.util.regex.Matcher notice = SafeHarbourSentences.NOTICE.matcher(text)
                            .useTransparentBounds(true).useAnchoringBounds(false).region(before.length(), text.length());
                    assertThat(notice.lookingAt()).as("%s U+%04X after '%s'", first, cp, before).isFalse();
                    assertThat(notice.hitEnd()).as("%s U+%04X after '%s' reaches the end", first, cp, before)
                            .isFalse();
                    probed++;
                }
            }
        }
        // The loose pair test says yes wherever the exact one does.
        for (char first : "adfnrsuADFNRSU".toCharArray()) {
            for (int next = 0; next <= Character.MAX_VALUE; next++) {
                if (SafeHarbourSentences.Presence.mayBeginAfterStart(first, (char) next)) {
                    assertThat(SafeHarbourSentences.Presence.mayBeginWithPair(first, (char) next))
                            .as("%s U+%04X", first, next).isTrue();
                }
            }
        }
        for (String opening : List.of("actual", "as defined", "discuss", "forward", "non", "reconcil", "refer",
                "risks", "safe", "securities", "undertakes")) {
            for (String cased : List.of(opening, opening.toUpperCase(java.util.Locale.ROOT))) {
                assertThat(SafeHarbourSentences.Presence.mayBeginAfterStart(cased.charAt(0), cased.charAt(1)))
                        .as(cased).isTrue();
            }
        }
        System.out.println("no notice begins at " + probed + " probed starts");
    }

    /**
     * Guards the opening words of {@link SafeHarbourSentences.Presence#mayBeginAfterStart(CharSequence, int)}: after
     * every beginning of every alternative's first word and what follows it that the pair test lets through, every
     * char it says no to makes an attempt there fail without reaching the end; and every such beginning, cut by the
     * text's end, is tried.
     */
    @Tag("sweep")
    @Test
    void startsThatLeaveEveryOpeningWordCannotBeginANotice() {
        long probed = 0;
        // Each alternative's first word and then a little more: its gap, or what follows it.
        for (String opening : List.of("forward looking", "actual results", "safe harbor", "risks and",
                "undertakes no", "undertake no", "securities litigation", "non gaap", "non-gaap", "reconcili",
                "discussi", "refer ", "reference", "as defined", "as, defined")) {
            for (String cased : List.of(opening, opening.toUpperCase(java.util.Locale.ROOT))) {
                for (int k = 1; k <= cased.length(); k++) {
                    String begun = cased.substring(0, k);
                    assertThat(SafeHarbourSentences.Presence.mayBeginAfterStart(" " + begun, 1)).as(begun).isTrue();
                }
                for (int k = 2; k < cased.length(); k++) {
                    String begun = cased.substring(0, k);
                    // Every char: the words are compared char by char, and a code point beyond holds a surrogate.
                    for (int c = 0; c <= Character.MAX_VALUE; c++) {
                        String text = " " + begun + (char) c;
                        if (SafeHarbourSentences.Presence.mayBeginAfterStart(text, 1)) {
                            continue;
                        }
                        java.util.regex.Matcher notice = SafeHarbourSentences.NOTICE.matcher(text)
                                .useTransparentBounds(true).useAnchoringBounds(false).region(1, text.length());
                        assertThat(notice.lookingAt()).as("%s U+%04X", begun, c).isFalse();
                        assertThat(notice.hitEnd()).as("%s U+%04X reaches the end", begun, c).isFalse();
                        probed++;
                    }
                }
            }
        }
        System.out.println("no notice begins at " + probed + " starts that leave the opening words");
    }

    private static boolean holds(String text) {
        return SafeHarbourSentences.blank(text) != text;
    }
}
