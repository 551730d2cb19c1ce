package io.callstream.enrich.numbers;

import static io.callstream.enrich.text.StartScan.combinations;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callstream.avro.NumberKind;
import io.callstream.enrich.text.AnyWord;
import io.callstream.enrich.text.StartScan;

/**
 * Reads periods of time and gives each a normalized symbol. Absolute periods read as ISO 8601 where it has a form
 * ("2016-Q4", "2017-H1", "2017-07", and "--07" for a month of no stated year, as XML Schema's gMonth); a fiscal year
 * is "FY2020". The extractor is not told the call's date, so relative periods stay relative, each with a symbol of
 * its own: "this-year", "next-quarter", "H1-this-year", "next-12-months", "3-months-ago". A position within a
 * period is a suffix: "the end of this year" is "this-year-end", "mid-2018" is "2018-mid", "later this year"
 * "this-year-late".
 */
final class Periods {

    private static final String YEAR4 = "(?:19[5-9]\\d|20[0-5]\\d)(?![\\p{L}\\p{N}]|[.,:]\\d)";
    private static final String RELATIVE_YEAR = "(?i:this\\s+past|this|next|last|the\\s+(?:current|next|following"
            + "|prior|previous|coming|past))\\s+(?i:(?:fiscal|calendar)\\s+)?(?i:year)"
            + "(?![\\p{L}\\p{N}]|-(?i:over|on|to|end))";
    private static final String DAY = "(?:[12]\\d|3[01]|0?[1-9])";
    private static final String NOT_AN_AMOUNT = "(?![\\p{L}\\p{N}]|[.,:]\\d|\\s*(?:%|(?i:percent|million|billion"
            + "|thousand|bn|mn)\\b))";

    /** Where a period may start: not inside a word, a code or a number. "mid-2018" is allowed its hyphen. */
    private static final String START = "(?<![\\p{L}\\p{N}$\u20ac\u00a3\u00a5.,:/*#_'\u2019])"
            + "(?:(?<!-)|(?<=(?i:mid|early|late)-))";

    /** The year a quarter, half or month is of, if one is said: "2016", "fiscal 2020", "'17", "this year". */
    private static String yearAfter(boolean shortForm) {
        return "(?:\\s*,?\\s+(?i:of\\s+)?(?:(?<fy>(?i:fiscal\\s+(?:year\\s+)?)|FY\\s?)|(?i:calendar\\s+(?:year\\s+)?)"
                + "|CY\\s?)?(?<y>" + YEAR4 + ")"
                + "|\\s*,?\\s+(?i:of\\s+)?(?<fy2>(?i:fiscal\\s+(?:year\\s+)?)|FY\\s?)['\u2019]?(?<fyy>\\d\\d)"
                + NOT_AN_AMOUNT
                + "|\\s*['\u2019](?<yy>\\d\\d)(?![\\p{L}\\p{N}])"
                + "|\\s+(?i:of\\s+)?(?<yrel>" + RELATIVE_YEAR + ")"
                + (shortForm ? "|\\s(?<yy2>\\d\\d)" + NOT_AN_AMOUNT : "")
                + ")?";
    }

    /** The characters {@link #START} rules out before a period, besides letters and digits. */
    private static final String NOT_BEFORE = "$\u20ac\u00a3\u00a5.,:/*#_'\u2019";

    /** One reader: a pattern and how a match reads, or null where the match is not a period after all. */
    private record Reader(List<String> cues, StartScan.Starts starts, Pattern pattern, Set<String> groups,
                          Function<Match, String> read) implements StartScan.Starts {

        /**
         * @param cues   words of which the text, in lower case, must hold one for the pattern to be worth running: a
         *               check far cheaper than the pattern, which most paragraphs fail
         * @param starts how a match can start, after {@link #START}: the first words of the pattern's branches, as
         *               many as the pattern spells out word by word ({@link StartScan#prefixes}, a space standing for
         *               a run of {@code \s}), so that a common first word ("the", "next", "a") is tried only where
         *               the words after it are the pattern's
         * @param regex  the pattern, {@link #START} first
         * @param read   how a match reads
         */
        Reader(List<String> cues, List<String> starts, String regex, Function<Match, String> read) {
            this(List.copyOf(cues), StartScan.prefixes(true, starts.toArray(String[]::new)), Pattern.compile(regex),
                    groupNames(regex), read);
            if (!regex.startsWith(START)) {
                throw new IllegalArgumentException("a period pattern starts with START: " + regex);
            }
        }

        /**
         * Whether a match may start at {@code at}: every pattern starts with {@link #START}, whose lookbehind rules out
         * a letter, a digit (see {@link StartScan#afterWordChar}) or a character of {@link #NOT_BEFORE} ("_" among
         * them) before, and then must match one of its branches, whose first words {@link #starts} checks (the
         * patterns ignore ASCII case only, no {@code UNICODE_CASE}, where they ignore it).
         */
        @Override
        public boolean[] first() {
            return starts.first();
        }

        @Override
        public boolean wordStart() {
            return true; // starts are prefixes(true, ...)
        }

        @Override
        public boolean mayStartAt(String text, int at) {
            return starts.mayStartAt(text, at) && (at == 0 || NOT_BEFORE.indexOf(text.charAt(at - 1)) < 0);
        }

        @Override
        public boolean mayStartAtWordStart(String text, int at) {
            return starts.mayStartAtWordStart(text, at) && (at == 0 || NOT_BEFORE.indexOf(text.charAt(at - 1)) < 0);
        }

        @Override
        public int words() {
            return starts.words(); // and the character before, which does not count
        }
    }

    /** A match, with the text it was found in, and its named groups read as null where the pattern has none. */
    private record Match(String text, Matcher m, Set<String> groups) {

        String group(String name) {
            return groups.contains(name) ? m.group(name) : null;
        }
    }

    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    private static Set<String> groupNames(String regex) {
        Set<String> names = new HashSet<>();
        Matcher m = GROUP_NAME.matcher(regex);
        while (m.find()) {
            names.add(m.group(1));
        }
        return Set.copyOf(names);
    }

    private static final Map<String, Integer> ORDINALS = Map.of("first", 1, "1st", 1, "second", 2, "2nd", 2,
            "third", 3, "3rd", 3, "fourth", 4, "4th", 4, "final", 4, "last", 4);
    private static final List<String> MONTHS = List.of("January", "February", "March", "April", "May", "June",
            "July", "August", "September", "October", "November", "December");
    private static final List<String> MONTH_CUES = MONTHS.stream().map(m -> m.toLowerCase(Locale.ROOT)).toList();

    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    /** The days {@link #DAY} matches, as written: "1" to "31", "01" to "09". */
    private static final List<String> DAYS = concat(combinations(List.of("0", "1", "2", "3"), DIGITS).stream()
            .filter(day -> day.compareTo("01") >= 0 && day.compareTo("31") <= 0).toList(),
            combinations(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9")));

    private static final List<Reader> READERS = List.of(
            // "the third quarter", "fourth-quarter 2016", "the first quarter of fiscal 2020",
            // "third quarter of this year"
            new Reader(List.of("quarter"),
                    combinations(List.of("", "the "), List.of("", "fiscal "), List.of("first", "second", "third",
                            "fourth", "1st", "2nd", "3rd", "4th", "final", "last"), List.of(" quarter", "-quarter")),
                    (START + "(?i:(?:the\\s+)?(?:fiscal\\s+)?(?<ord>first|second|third|fourth|1st"
                    + "|2nd|3rd|4th|final|last)[\\s-]quarter)(?![\\p{L}\\p{N}]|-(?i:over|on|end))" + yearAfter(false)),
                    // "the last quarter of 2019" is its fourth; "the last quarter" alone is the one before this
                    m -> m.group("ord").equalsIgnoreCase("last") && m.group("y") == null && m.group("fyy") == null
                            && m.group("yy") == null ? null
                            : join("Q" + ORDINALS.get(m.group("ord").toLowerCase(Locale.ROOT)), year(m))),
            // "Q3", "Q4 2016", "Q4'16", "Q2 20", "3Q", "4Q16", "FY21 Q3", "Q1 FY21"
            new Reader(List.of("q1", "q2", "q3", "q4", "q-", "1q", "2q", "3q", "4q"),
                    List.of("fy", "q1", "q2", "q3", "q4", "q-1", "q-2", "q-3", "q-4", "1q", "2q", "3q", "4q"),
                    (START + "(?:(?<pfy>FY\\s?['\u2019]?(?<pfyy>\\d\\d(?:\\d\\d)?))\\s+)?"
                    + "(?:[Qq]-?(?<q>[1-4])|(?<q2>[1-4])Q(?<qy>\\d\\d)?)(?![\\p{L}\\p{N}])" + yearAfter(true)),
                    m -> join("Q" + (m.group("q") != null ? m.group("q") : m.group("q2")), year(m))),
            // "the first half", "second half of 2017", "the back half", "first half of next year", "first semester"
            new Reader(List.of("half", "semester"),
                    combinations(List.of("", "the "), List.of("first", "second", "1st", "2nd", "back", "front",
                            "latter"), List.of(" half", " semester")),
                    (START + "(?i:(?:the\\s+)?(?<half>first|second|1st|2nd|back|front|latter)\\s+"
                    + "(?:half|semester))(?![\\p{L}\\p{N}-])" + yearAfter(false)),
                    m -> join(half(m.group("half")), year(m))),
            // "H1", "H2 2021", "H1 21", "1H17"
            new Reader(List.of("h1", "h2", "1h", "2h"), List.of("h1", "h2", "1h", "2h"),
                    (START + "(?:H(?<h>[12])|(?<h2>[12])H(?<qy>\\d\\d)?)(?![\\p{L}\\p{N}])"
                    + yearAfter(true)),
                    m -> join("H" + (m.group("h") != null ? m.group("h") : m.group("h2")), year(m))),
            // "July", "July 1", "July 2017", "February 22nd, 2017", "March of next year", "17th of April",
            // "December the 6th, 2021"
            new Reader(MONTH_CUES,
                    // the month names as written, with a capital (the pattern does not ignore case); a day, its
                    // suffix, and the first letter of "of" or of a month (more lenient: in either case)
                    concat(combinations(DAYS, List.of("", "st", "nd", "rd", "th"), List.of(" "),
                            List.of("o", "j", "f", "m", "a", "s", "n", "d")), MONTHS),
                    (START + "(?:(?<dday>" + DAY + ")(?:st|nd|rd|th)?\\s+(?:of\\s+)?)?"
                    + "(?<mon>January|February|March|April|May|June|July|August|September"
                    + "|October|November|December)(?:\\s+(?:the\\s+)?(?<day>" + DAY + ")(?:st|nd|rd|th)?"
                    + "(?![\\p{L}\\p{N}]|[.,:]\\d))?" + yearAfter(false)),
                    Periods::month),
            // "2018", "fiscal 2020", "FY2020", "full year 2017", "2017 to 2018", "2020-21", "FY21", "fiscal '21"
            new Reader(List.of("19", "20"), concat(List.of("fiscal", "fy", "calendar", "full", "cy"),
                    combinations(List.of("195", "196", "197", "198", "199", "200", "201", "202", "203", "204", "205"),
                            DIGITS)),
                    (START + "(?:(?<fy>(?i:fiscal\\s+(?:year\\s+)?)|FY\\s?)|(?i:calendar\\s+"
                    + "(?:year\\s+)?|full[\\s-]year\\s+)|CY\\s?)?(?<y>" + YEAR4 + ")"
                    + "(?:\\s*(?:[-\u2013/]|(?i:to|through)\\s)\\s*(?<y2>" + YEAR4 + "|\\d\\d(?![\\p{L}\\p{N}]|[.,:]\\d"
                    + "|\\s?%)))?"),
                    Periods::year4),
            // "FY21", "fiscal '21", "fiscal year 22", "calendar year 22"
            new Reader(List.of("fy", "fiscal", "calendar"), List.of("fy", "fiscal", "calendar"),
                    (START + "(?:(?<fy>FY\\s?['\u2019]?|(?i:fiscal\\s+(?:year\\s+)?)['\u2019]?)"
                    + "|(?i:calendar\\s+(?:year\\s+)?)['\u2019]?)(?<fyy>\\d\\d)" + NOT_AN_AMOUNT),
                    m -> (m.group("fy") != null ? "FY" : "") + (2000 + Integer.parseInt(m.group("fyy")))),
            // "this year", "next quarter", "the prior year", "this past quarter", "next year-end"
            new Reader(List.of("year", "quarter", "month", "week"),
                    combinations(List.of("", "the "), List.of("this past", "this", "next", "last", "current", "coming",
                            "following", "prior", "previous", "past"), List.of(" "), List.of("", "fiscal ", "calendar "),
                            List.of("year", "quarter", "month", "week")),
                    (START + "(?i:(?:the\\s+)?(?<rel>this\\s+past|this|next|last|current|coming"
                    + "|following|prior|previous|past)\\s+(?:(?:fiscal|calendar)\\s+)?(?<unit>year|quarter|month|week))"
                    + "(?![\\p{L}\\p{N}]|-(?i:over|on|to)\\b)(?<end>(?i:[\\s-]end)(?![\\p{L}\\p{N}]))?"),
                    m -> relative(m.group("rel")) + "-" + m.group("unit").toLowerCase(Locale.ROOT)
                            + (m.group("end") != null ? "-end" : "")),
            // "the next 12 months", "the last two quarters", "the next few years"
            new Reader(List.of("days", "weeks", "months", "quarters", "years"),
                    combinations(List.of("", "the "), List.of("next", "last", "past", "coming", "following", "prior",
                            "previous"), List.of(" "), List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "couple",
                            "few", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                            "twelve", "eighteen", "twenty-four", "thirty", "sixty", "ninety")),
                    (START + "(?i:(?:the\\s+)?(?<rel>next|last|past|coming|following|prior"
                    + "|previous)\\s+(?<n>\\d{1,3}|couple(?:\\s+of)?|few|two|three|four|five|six|seven|eight|nine|ten"
                    + "|eleven|twelve|eighteen|twenty-four|thirty|sixty|ninety)\\s+(?<unit>days|weeks|months|quarters"
                    + "|years))(?![\\p{L}\\p{N}])"),
                    m -> relative(m.group("rel")) + "-" + count(m.group("n")) + "-"
                            + m.group("unit").toLowerCase(Locale.ROOT)),
            // "three months ago", "a year ago", "a couple of years ago"
            new Reader(List.of(" ago"),
                    concat(combinations(List.of("a", "an", "one", "two", "three", "four", "five", "six", "seven",
                            "eight", "nine", "ten", "eleven", "twelve"), List.of(" "), List.of("day", "week", "month",
                            "quarter", "year")), concat(
                            // \d{1,3}, then the first letter of the unit
                            combinations(concat(DIGITS, concat(combinations(DIGITS, DIGITS),
                                    combinations(DIGITS, DIGITS, DIGITS))), List.of(" "),
                                    List.of("d", "w", "m", "q", "y")),
                            List.of("a couple", "couple", "a few", "few"))),
                    (START + "(?i:(?<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
                    + "|twelve|\\d{1,3}|(?:a\\s+)?couple(?:\\s+of)?|(?:a\\s+)?few)\\s+(?<unit>day|week|month|quarter"
                    + "|year)s?\\s+ago)(?![\\p{L}\\p{N}])"),
                    m -> {
                        String n = count(m.group("n"));
                        return n + "-" + m.group("unit").toLowerCase(Locale.ROOT) + (n.equals("1") ? "" : "s") + "-ago";
                    }),
            // "the end of the year", "the rest of the quarter": "the year" alone is no period
            new Reader(List.of(" of the "),
                    combinations(List.of("", "the "), List.of("end", "beginning", "start", "middle", "close", "rest",
                            "remainder", "balance"), List.of(" of the "), List.of("year", "quarter", "month", "week")),
                    (START + "(?i:(?:the\\s+)?(?<pos>end|beginning|start|middle|close|rest"
                    + "|remainder|balance)\\s+of\\s+the\\s+(?<unit>year|quarter|month|week))(?![\\p{L}\\p{N}-])"),
                    m -> "this-" + m.group("unit").toLowerCase(Locale.ROOT) + "-" + position(m.group("pos"))));

    /** Each reader's cue words, as group {@code reader}: see {@link #worthRunning}. */
    private static final AnyWord CUES = AnyWord.ofGroups(READERS.stream().map(Reader::cues).toList());

    private static List<String> concat(List<String> some, List<String> more) {
        List<String> all = new ArrayList<>(some);
        all.addAll(more);
        return all;
    }

    /** "the end of", "the beginning of" before a period: the position within it. */
    private static final Pattern POSITION_BEFORE = Pattern.compile(
            "(?i)(?<![\\p{L}])(?:the\\s+)?(?<pos>end|beginning|start|middle|close|rest|remainder|balance)\\s+of\\s+$");
    /** "mid-", "early", "later in" before a period. */
    private static final Pattern ADJECTIVE_BEFORE = Pattern.compile(
            "(?i)(?<![\\p{L}])(?<pos>early|mid|late|later|earlier)(?:-|\\s+(?:in\\s+)?)$");
    private static final Pattern MAY_AS_MONTH = Pattern.compile("(?i)(?<![\\p{L}])(?:in|by|since|until|till|through"
            + "|of|from|to|during|early|mid|late|end|beginning|this|next|last|and|or|between|before|after)[\\s-]+$");
    private static final int LOOK_BACK = 24;

    // What the readings strip from the words they read, compiled once (String.replaceAll compiles at each call).
    private static final Pattern YEAR_WORDS_AFTER = Pattern.compile("(?i)\\s*(?:(?:fiscal|calendar)\\s+)?year$");
    private static final Pattern THE_FIRST = Pattern.compile("^the\\s+");
    private static final Pattern A_FIRST = Pattern.compile("^a\\s+");
    private static final Pattern OF_LAST = Pattern.compile("\\s+of$");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Periods() {
    }

    /** Adds the periods of {@code text} to {@code out}; {@code lowerCase} is the text in lower case. */
    static void find(String text, String lowerCase, List<Candidate> out) {
        List<ScannedMatch> matches = new ArrayList<>();
        StartScan.WordStarts words = null; // found once for all the readers that run
        long worthRunning = worthRunning(lowerCase);
        for (int reader = 0; reader < READERS.size(); reader++) {
            if ((worthRunning & 1L << reader) == 0) {
                continue;
            }
            if (words == null) {
                words = new StartScan.WordStarts(text, 0, text.length());
            }
            matches.clear();
            scan(words, reader, 0, matches);
            for (ScannedMatch match : matches) {
                out.addAll(match.candidates());
            }
        }
    }

    /** How many readers {@link #find} runs, each with a pattern of its own, in this order. */
    static int readers() {
        return READERS.size();
    }

    /** The most words reader {@code reader}'s start test reads from an offset ({@link StartScan.Starts#words}). */
    static int startsWords(int reader) {
        return READERS.get(reader).words();
    }

    /** Reader {@code reader}'s start test, for the test that it reads no further than it says. */
    static StartScan.Starts starts(int reader) {
        return READERS.get(reader);
    }

    /**
     * The readers whose cues the text (in lower case) holds, as a set of bits by reader: {@link #find} runs a reader
     * only where it holds one. One pass over the text for all of them.
     */
    static long worthRunning(String lowerCase) {
        return CUES.groupsIn(lowerCase);
    }

    /**
     * {@link #worthRunning(String)} of the readers of {@code asked} only (a set of bits by reader), in {@code text}
     * from {@code from} on, in any ASCII case (as {@link AnyWord} reads it: no lower-cased copy is needed).
     */
    static long worthRunning(String text, int from, long asked) {
        return CUES.groupsIn(text, from, asked);
    }

    /**
     * Scans {@code text} with reader {@code reader}'s pattern from {@code from} on, as {@link #find} scans it from
     * 0, adding each match with the period it yields (or none, where the match is not a period after all) to
     * {@code out}. The whole text is context: patterns and the words before a period are read behind {@code from}.
     */
    static void scan(String text, int reader, int from, List<ScannedMatch> out) {
        scan(new StartScan.WordStarts(text, from, text.length()), reader, from, out);
    }

    /**
     * {@link #scan(String, int, int, List)} of the text of {@code words}, which covers it from {@code from} on;
     * returns the offset of its first attempt that hit the text's end ({@link StartScan.Attempts#firstEndHit}).
     */
    static int scan(StartScan.WordStarts words, int reader, int from, List<ScannedMatch> out) {
        Reader r = READERS.get(reader);
        String text = words.text();
        // Tried only at the word starts where a match can start (Reader.mayStartAt), as StartScan explains: the same
        // matches.
        StartScan.Attempts attempts = new StartScan.Attempts(r.pattern(), text);
        int next = from;
        while (StartScan.find(attempts, words, next, text.length(), r)) {
            Matcher m = attempts.matcher();
            next = m.end();
            out.add(new ScannedMatch(m.start(), m.end(), read(text, r, m)));
        }
        return attempts.firstEndHit();
    }

    /**
     * {@link #scan(StartScan.WordStarts, int, int, List)} of every reader of {@code readers} (a set of bits by reader)
     * over the text of {@code words} in one pass: reader {@code r} scans from {@code from[r]}, adding to
     * {@code out.get(r)}, and its first attempt that hit the text's end goes to {@code firstEndHits[r]}. The same
     * matches as each reader's scan alone: that scan visits the word starts in order from where it resumes, passing
     * over those inside its last match, and so does each reader here; one pass only asks the first-character tables of
     * all the readers with one lookup ({@link #FIRST}), where most word starts fit none. {@code words} must cover the
     * text from the least of the readers' {@code from} on.
     */
    static void scan(StartScan.WordStarts words, long readers, int[] from, List<List<ScannedMatch>> out,
            int[] firstEndHits) {
        String text = words.text();
        StartScan.Attempts[] attempts = new StartScan.Attempts[READERS.size()];
        int[] next = new int[READERS.size()];
        int least = text.length();
        for (long rest = readers; rest != 0; rest &= rest - 1) {
            int r = Long.numberOfTrailingZeros(rest);
            attempts[r] = new StartScan.Attempts(READERS.get(r).pattern(), text);
            next[r] = from[r];
            least = Math.min(least, from[r]);
        }
        for (int k = words.indexAtOrAfter(least); k < words.count(); k++) {
            int at = words.offset(k);
            char c = text.charAt(at);
            long fit = (c < 128 ? FIRST[c] : 0) & readers;
            boolean wordStart = StartScan.isWordStart(c); // else a mark
            // bit by bit, not by numberOfTrailingZeros: the quick compiler has no intrinsic for it
            for (int r = 0; fit != 0; r++, fit >>>= 1) {
                if ((fit & 1) == 0) {
                    continue;
                }
                Reader reader = READERS.get(r);
                if (at >= next[r] && (wordStart ? reader.mayStartAtWordStart(text, at) : reader.mayStartAt(text, at))
                        && attempts[r].matchesAt(at)) {
                    Matcher m = attempts[r].matcher();
                    next[r] = m.end();
                    out.get(r).add(new ScannedMatch(m.start(), m.end(), read(text, reader, m)));
                }
            }
        }
        for (long rest = readers; rest != 0; rest &= rest - 1) {
            int r = Long.numberOfTrailingZeros(rest);
            firstEndHits[r] = attempts[r].firstEndHit();
        }
    }

    /** By ASCII character, the readers (bits) whose matches may start with it; none starts with another. */
    private static final long[] FIRST = StartScan.firstCharacters(READERS);

    /** {@link #scan} as it was: the pattern tried at every offset. The reference the faster scan is tested against. */
    static void scanEveryOffset(String text, int reader, int from, List<ScannedMatch> out) {
        Reader r = READERS.get(reader);
        Matcher m = r.pattern().matcher(text);
        int next = from;
        while (next <= text.length() && m.find(next)) {
            // find(int) keeps the whole text as context: the same as find() after a match ending at next, since no
            // match is empty
            next = m.end();
            out.add(new ScannedMatch(m.start(), m.end(), read(text, r, m)));
        }
    }

    /** The period one match yields, as a list of none or one. */
    private static List<Candidate> read(String text, Reader reader, Matcher m) {
        String read = reader.read().apply(new Match(text, m, reader.groups()));
        if (read == null) {
            return List.of();
        }
        int start = m.start();
        String before = text.substring(Math.max(0, start - LOOK_BACK), start);
        Matcher pos = POSITION_BEFORE.matcher(before);
        if (!pos.find()) {
            pos = ADJECTIVE_BEFORE.matcher(before);
            if (!pos.find()) {
                pos = null;
            }
        }
        if (pos != null && !read.endsWith("-end") && !read.contains("ago")) {
            start -= before.length() - pos.start();
            read = read + "-" + position(pos.group("pos"));
        }
        return List.of(new Candidate(start, m.end(), NumberKind.PERIOD, null, null, read));
    }

    /**
     * The year a quarter, half or month is said to be of: "2016", "FY2020", "~this-year" (relative, marked so that
     * {@link #join} puts it last), or "" when none is said.
     */
    private static String year(Match m) {
        String fiscal = m.group("fy") != null || m.group("fy2") != null || m.group("pfy") != null ? "FY" : "";
        if (m.group("y") != null) {
            return fiscal + m.group("y");
        }
        for (String two : List.of("fyy", "yy", "yy2", "qy", "pfyy")) {
            String digits = m.group(two);
            if (digits != null) {
                return fiscal + (digits.length() == 4 ? digits : String.valueOf(2000 + Integer.parseInt(digits)));
            }
        }
        if (m.group("yrel") != null) {
            return "~" + relative(YEAR_WORDS_AFTER.matcher(m.group("yrel")).replaceAll("")) + "-year";
        }
        return "";
    }

    /** Puts the year first when absolute ("2016-Q4"), last when relative ("Q3-this-year"). */
    private static String join(String part, String year) {
        if (year.isEmpty()) {
            return part;
        }
        return year.startsWith("~") ? part + "-" + year.substring(1) : year + "-" + part;
    }

    private static String half(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "first", "1st", "front" -> "H1";
            default -> "H2";
        };
    }

    private static String month(Match m) {
        String name = m.group("mon");
        String day = m.group("day") != null ? m.group("day") : m.group("dday");
        String year = year(m);
        int start = m.m().start();
        // "May" is a month after a preposition ("in May", "by May") or before a day or year, else a modal verb.
        if (name.equals("May") && day == null && year.isEmpty()
                && !MAY_AS_MONTH.matcher(m.text().substring(Math.max(0, start - LOOK_BACK), start)).find()) {
            return null;
        }
        String mm = twoDigits(MONTHS.indexOf(name) + 1);
        String dd = day == null ? "" : "-" + twoDigits(Integer.parseInt(day));
        if (year.isEmpty()) {
            return "--" + mm + dd;
        }
        return year.startsWith("~") ? "--" + mm + dd + "-" + year.substring(1) : year + "-" + mm + dd;
    }

    private static String year4(Match m) {
        String fiscal = m.group("fy") != null ? "FY" : "";
        String y2 = m.group("y2");
        if (y2 == null) {
            return fiscal + m.group("y");
        }
        String second = y2.length() == 4 ? y2 : m.group("y").substring(0, 2) + y2;
        return fiscal + m.group("y") + ".." + second;
    }

    /** {@code n}, 1 to 31, in two digits: as {@code String.format("%02d", n)} writes it, without parsing a format. */
    private static String twoDigits(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }

    private static String relative(String word) {
        String w = SPACES.matcher(THE_FIRST.matcher(word.toLowerCase(Locale.ROOT)).replaceAll("")).replaceAll(" ");
        return switch (w) {
            case "this", "current" -> "this";
            case "next", "coming", "following" -> "next";
            default -> "last"; // last, prior, previous, past, this past
        };
    }

    private static String count(String n) {
        String w = OF_LAST.matcher(A_FIRST.matcher(n.toLowerCase(Locale.ROOT)).replaceAll("")).replaceAll("");
        return switch (w) {
            case "a", "an", "one" -> "1";
            case "couple" -> "2";
            case "few" -> "few";
            default -> Character.isDigit(w.charAt(0)) ? w : String.valueOf((long) Amounts.value(w));
        };
    }

    private static String position(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "end", "close" -> "end";
            case "beginning", "start" -> "start";
            case "middle", "mid" -> "mid";
            case "early", "earlier" -> "early";
            case "late", "later" -> "late";
            default -> "rest"; // rest, remainder, balance
        };
    }
}
