package io.callstream.enrich.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;

import io.callstream.enrich.SweepSlice;
import io.callstream.enrich.text.StartScan;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The scans that try a pattern only where a match can start ({@link StartScan}) find exactly what the patterns find
 * tried at every offset, as they were first scanned: every match, with what it reads, of the amounts pattern, of
 * each period pattern and of each forward-looking cue, over every turn of every real call we have (whole, and each
 * sentence alone as the cues are read), from the start and from offsets inside, and over texts made to hold the
 * characters the start tests look at.
 */
class StartScanTest {

    @Tag("sweep")
    @Test
    void findsWhatEveryOffsetFindsInEveryTurnOfEveryRealCall() {
        // Each distinct text once: nearly every turn of a call's sentence table (.segments.tsv) is, joined, the same
        // text as its transcript's turn (3,257 of 3,259), and a scan of the same text finds the same again.
        Set<String> distinct = new LinkedHashSet<>(TranscriptTurns.tesla());
        for (Path file : SweepSlice.current().files(TranscriptTurns.sharedCallFiles())) {
            distinct.addAll(TranscriptTurns.turns(file));
        }
        distinct.addAll(made());
        List<String> texts = List.copyOf(distinct);
        long matches = 0;
        long resumed = 0;
        for (String text : texts) {
            matches += checkNumbers(text, 0);
            // a resumed scan, as a growing turn's: from a few offsets inside, a word start or not; at most 16 in a
            // long turn, each a scan of the rest of it twice (the second at every offset), which would otherwise cost
            // the square of the turn's length
            int stride = Math.max(211, text.length() / 16 + 1);
            for (int from = 37; from < text.length(); from += stride) {
                checkNumbers(text, from);
                resumed++;
            }
            matches += checkCues(text);
            Matcher end = ForwardLooking.sentenceEnd().matcher(text);
            int start = 0;
            while (start < text.length()) {
                int stop = end.find(start) ? end.end() : text.length();
                matches += checkCues(text.substring(start, stop));
                start = stop;
            }
        }
        System.out.printf("StartScanTest: %d texts, %d matches alike, %d resumed scans%n", texts.size(), matches,
                resumed);
        assertThat(texts.size()).isGreaterThan(180);
        assertThat(resumed).isGreaterThan(2000);
        assertThat(matches).isGreaterThan(1000);
    }

    private static int checkNumbers(String text, int from) {
        List<ScannedMatch> fast = new ArrayList<>();
        List<ScannedMatch> slow = new ArrayList<>();
        Quantities.scan(text, from, fast);
        Quantities.scanEveryOffset(text, from, slow);
        assertThat(fast).as("amounts from %d in %s", from, text).isEqualTo(slow);
        int matches = slow.size();
        for (int reader = 0; reader < Periods.readers(); reader++) {
            fast.clear();
            slow.clear();
            Periods.scan(text, reader, from, fast);
            Periods.scanEveryOffset(text, reader, from, slow);
            assertThat(fast).as("periods of reader %d from %d in %s", reader, from, text).isEqualTo(slow);
            matches += slow.size();
        }
        checkPeriodsTogether(text, from);
        return matches;
    }

    /**
     * Every period reader scanned in one pass ({@link Periods#scan(StartScan.WordStarts, long, int[], List, int[])})
     * finds what each finds alone, and its first attempt that hit the end is the same, each reader resuming at an
     * offset of its own.
     */
    private static void checkPeriodsTogether(String text, int from) {
        int readers = Periods.readers();
        int[] froms = new int[readers];
        List<List<ScannedMatch>> together = new ArrayList<>();
        for (int reader = 0; reader < readers; reader++) {
            froms[reader] = Math.min(text.length(), from + 13 * (reader % 3));
            together.add(new ArrayList<>());
        }
        int[] endHits = new int[readers];
        long all = (1L << readers) - 1;
        Periods.scan(new StartScan.WordStarts(text, from, text.length()), all, froms, together, endHits);
        for (int reader = 0; reader < readers; reader++) {
            List<ScannedMatch> alone = new ArrayList<>();
            int endHit = Periods.scan(new StartScan.WordStarts(text, froms[reader], text.length()), reader,
                    froms[reader], alone);
            assertThat(together.get(reader)).as("reader %d together from %d in %s", reader, froms[reader], text)
                    .isEqualTo(alone);
            assertThat(endHits[reader]).as("reader %d's first end hit from %d in %s", reader, froms[reader], text)
                    .isEqualTo(endHit);
        }
    }

    private static int checkCues(String region) {
        int matches = 0;
        for (int cue = -1; cue < ForwardLooking.cues(); cue++) {
            List<Integer> slow = ForwardLooking.cueMatches(region, cue, true);
            assertThat(ForwardLooking.cueMatches(region, cue, false)).as("cue %d in %s", cue, region)
                    .isEqualTo(slow);
            matches += slow.size() / 2;
        }
        return matches;
    }

    @Test
    void firstCharactersNameTheTestsThatAdmitEachCharacter() {
        long[] first = StartScan.firstCharacters(List.of(StartScan.prefixes(true, "we ", "the"),
                StartScan.prefixes(true, "q1", "t")));
        assertThat(first['w']).isEqualTo(0b01);
        assertThat(first['W']).isEqualTo(0b01);
        assertThat(first['t']).isEqualTo(0b11);
        assertThat(first['q']).isEqualTo(0b10);
        assertThat(first['x']).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StartScan.firstCharacters(
                List.of(StartScan.prefixes(false, "we")))).isInstanceOf(IllegalArgumentException.class);
        assertThat(StartScan.isWordStart('a')).isTrue();
        assertThat(StartScan.isWordStart('7')).isTrue();
        assertThat(StartScan.isWordStart('$')).isFalse();
        assertThat(StartScan.isWordStart('\u00e9')).isFalse();
    }

    /**
     * {@link StartScan#prefixes} fits exactly where a pattern spelling out its prefixes fits (a lower-case letter in
     * either ASCII case, an upper-case one as it is, a space as {@code \s+}, no word character before where it
     * tests word starts), at every offset of random texts of the characters it judges, for prefixes that share
     * their starts, end inside others and end in spaces.
     */
    @Test
    void prefixesFitWhereTheirPatternFits() {
        String[] prefixes = {"the", "the first", "the fiscal fourth", "th", "this past year", "t-1", "we ", "we'",
            "we\u2019re going", "i am", "may", "June", "mid-", "19", "1q", "a ", "a couple", "end of the year", "x\u00e9",
            // tails that many prefixes share, as a day or a count spelled out before a word's first letter
            "1 may", "12 may", "2nd j", "3rd j", "9 y", "19 y", "19 m"};
        StringBuilder regex = new StringBuilder("(?:");
        for (String prefix : prefixes) {
            if (regex.length() > 3) {
                regex.append('|');
            }
            for (char p : prefix.toCharArray()) {
                regex.append(p == ' ' ? "\\s+" : p >= 'a' && p <= 'z' ? "[" + p + Character.toUpperCase(p) + "]"
                        : java.util.regex.Pattern.quote(String.valueOf(p)));
            }
        }
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex.append(')').toString());
        String[] pieces = {"t", "T", "h", "H", "e", "E", "f", "i", "r", "s", "S", "o", "u", "c", "a", "A", "p", "y",
            "Y", "m", "M", "j", "J", "w", "W", "d", "l", "q", "Q", "n", "x", "1", "2", "3", "9", "nd", "rd", "-", "'", "\u2019", "_", "\u00e9", "\u00c9",
            " ", "  ", "\t", "\n", "\u000B", "\u00a0", "the", "The ", "first", "fiscal", "fourth", "this", "past",
            "year", "we", "re", "going", "am", "may", "May", "June", "JUNE", "june", "mid", "couple", "end of the"};
        Random random = new Random(20240612);
        long fits = 0;
        for (boolean wordStart : new boolean[] {false, true}) {
            StartScan.Starts starts = StartScan.prefixes(wordStart, prefixes);
            for (int t = 0; t < 20_000; t++) {
                StringBuilder text = new StringBuilder();
                int n = 1 + random.nextInt(12);
                for (int i = 0; i < n; i++) {
                    text.append(pieces[random.nextInt(pieces.length)]);
                }
                String s = text.toString();
                Matcher m = pattern.matcher(s);
                for (int at = 0; at < s.length(); at++) {
                    char c = s.charAt(at);
                    m.region(at, s.length());
                    boolean expected = m.lookingAt() && !(wordStart && StartScan.afterWordChar(s, at));
                    boolean asked = (c < 128 ? starts.first()[c] : starts.nonAscii()) && starts.mayStartAt(s, at);
                    assertThat(asked).as("%s at %d of \"%s\"", wordStart ? "word start" : "prefix", at, s)
                            .isEqualTo(expected);
                    fits += expected ? 1 : 0;
                }
            }
        }
        assertThat(fits).isGreaterThan(10_000);
    }

    /**
     * Texts of words and of the characters the start tests judge (signs, digits, letters of any case, marks,
     * letters and digits outside ASCII, surrogates) in random order, with the words the patterns look for.
     */
    private static List<String> made() {
        String[] pieces = {"$", "\u20ac", "\u00a3", "\u00a5", "\u20b9", "\u20a9", "-", "\u2212", ".", ",", ":", "/",
            "*", "#", "_", "@", "'", "\u2019", " ", "  ", "\t", "\n", "(", ")", "%", "0", "1", "2", "19", "2017", "20",
            "3Q", "Q4", "H1", "1H17", "FY21", "FY 2020", "CY", "fiscal", "calendar", "US$", "C$", "R$", "USD", "EUR",
            "Rs.", "COP", "minus", "Negative", "a", "A", "an", "half", "two", "Three", "twenty-five", "hundred",
            "thousand", "million", "bn", "k", "M", "percent", "bps", "x", "dollars", "euros", "won", "a week",
            "per share", "ago", "the", "The", "first", "Second", "quarter", "Quarter", "next", "last", "this", "year",
            "month", "end of the", "mid-", "early-", "May", "January", "December", "3rd", "17th", "of", "we", "We",
            "I", "i", "we're", "I'm", "will", "'ll", "should", "be able to", "expect", "confident", "on track to",
            "our", "guidance", "outlook", "by", "in", "at", "Securities", "forward-looking statements", "safe harbor",
            "\u00e9", "\u00c9", "\u0301", "\u0663", "\u00b2", "\u2163", "\ud835\udc00", "\ud801\udc00", "\u00a0",
            "\u2013", "\u2014", "e", "n", "t", "w", "o", "Z", "z", "_9", "9_", "2:30", "1,5", "1.5x", "10-K", "Model",
            // the words after a first word that the stricter start tests look at, with odd spaces and cases
            "the\tfirst", "The  Second", "fiscal\nfourth", "first-quarter", "4th quarter", "final", "back half",
            "latter\tsemester", "front", "this past", "this\u000Bpast", "Week", "next 12", "last\ttwo", "twenty-four",
            "a couple of", "a few", "couple", "Days", "years ago", "end of the", "Rest\tof  the", "MONTH", "may",
            "MAY", "June 17th", "17th of June", "the 6th", "July the", "March", "we'd also", "We\u2019d", "we are",
            "I am", "we\u2019re going to", "we are gonna", "I'm planning", "we're looking to", "hoping", "would",
            "margins should see", "costs should", "production should be at", "should  be able to", "on  track\tfor",
            "I feel confident that we will", "CONFIDENT", "our full-year outlook", "we are raising our guidance",
            "Guidance", "before the end", "within", "during the second half of next year", "by year-end", "by Q4",
            "by mid-2020", "until the first half", "at the end of this year", "in the next few months", "In  the",
            "RISKS AND UNCERTAINTIES", "Undue\treliance", "differ  materially", "Cautionary Statement",
            "actual results could differ", "no obligation to update", "straightforward-looking statements",
            // what the stricter start tests look at: a number word after "a", codes before figures, a minus after a
            // word, a day before a month, a count before a unit, a quarter's digit, a year's
            "a hundred", "A  Half", "a\tmillion", "a billion", "a trillion", "a thousand", "half a", "HALF\ta",
            "COVID-19", "x-5", "\u2013-5", "--5", "USD5", "usd 5", "USD\t5", "Rs.5", "Rs 5", "Rs. 5", "TRY 3", "try",
            "EUR", "eur5", "17th of April", "3 of", "31st", "32nd", "1st  June", "09 December", "12  years ago",
            "123 days ago", "1234 days ago", "5 Quarters ago", "Q-3", "q1", "Q5", "4Q", "1949", "1950", "2059",
            "2060", "20%", "199"};
        Random random = new Random(20240611);
        List<String> texts = new ArrayList<>();
        for (int t = 0; t < 3000; t++) {
            StringBuilder text = new StringBuilder();
            int n = 1 + random.nextInt(40);
            for (int i = 0; i < n; i++) {
                text.append(pieces[random.nextInt(pieces.length)]);
                if (random.nextInt(3) > 0) {
                    text.append(' ');
                }
            }
            texts.add(text.toString());
        }
        return texts;
    }
}
