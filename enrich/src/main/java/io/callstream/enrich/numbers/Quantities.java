package io.callstream.enrich.numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callstream.avro.NumberKind;
import io.callstream.enrich.text.AnyWord;
import io.callstream.enrich.text.StartScan;

/**
 * Reads amounts with what they measure: money ("$2 billion to $2.5 billion", "CHF383 million", "500 million
 * dollars"), percentages ("25%", "two and a half percent", "50 basis points"), rates ("5,000 a week", "250,000-unit a
 * year"), quantities with a unit ("35 gigawatt-hours", "1 million vehicles") and bare numbers. One match of
 * {@link #PATTERN} is one amount, or a range of two ("20% to 25%", "2.1, uh, to £2.2 billion") whose ends share
 * a unit, a currency and a scale written only once.
 */
final class Quantities {

    /** Words after which a number names a thing rather than counts it: "Model 3", "Gigafactory 1", "slide 4". */
    private static final String LABELS = "(?i:models?|gigafactory|giga|slides?|pages?|section|phase|tier|level"
            + "|chapter|covid|version|gen|generation|class|series|number|no\\.|item|note|exhibit|form|line|route"
            + "|channel|press|star|option|category|stage|grade|article|pillar|priority|step)";

    /** A label just before a bare number: the number names the thing. */
    private static final Pattern LABEL_BEFORE = Pattern.compile("(?<![\\p{L}])" + LABELS + "\\s+$");

    /**
     * Where a number may start when no currency comes first: not inside a word ("COVID-19", "AFM13"), a code or a
     * run of figures, nor after a phone key ("press * 1"); "mid-20%s" is allowed its hyphen.
     */
    private static final String BOUNDARY = "(?<![\\p{L}\\p{N}.,:/*#_@])(?<![*#]-|[*#]\\s)"
            + "(?:(?<!\\p{L}-)|(?<=(?i:mid|low|high|upper|lower)-))";

    private static final String SEPARATOR = "\\s*,?\\s*(?:(?i:uh|um|er)[,.]?\\s+)*"
            + "(?:(?i:to|through|or|and)(?![\\p{L}\\p{N}])|[-\u2013\u2014])\\s*(?:(?i:uh|um)[,.]?\\s+)*";

    /**
     * Where an amount can start: a figure, a currency sign, a minus, or the start of a word. Checked first, it spares
     * the rest of the pattern the insides of words.
     */
    private static final String GATE = "(?:(?=[\\p{N}.$\u20ac\u00a3\u00a5\u20b9\u20a9\\-\u2212])|\\b(?=\\p{L}))";

    /** Words of which a text with amounts but no figures holds one: "two billion", "a half million". */
    private static final List<String> NUMBER_WORDS = List.of("one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "eleven", "twelve", "teen", "twenty", "thirty", "forty", "fifty", "sixty",
            "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion", "trillion", "half");
    private static final AnyWord ANY_NUMBER_WORD = AnyWord.of(NUMBER_WORDS);

    static final Pattern PATTERN = Pattern.compile(GATE + side(1) + "(?:" + SEPARATOR + side(2) + ")?"
            + "(?:(?<rate>" + Units.PER_PERIOD + ")|(?<per>" + Units.PER_THING + "))?");

    private static final Pattern BEFORE_FROM = Pattern.compile("(?i)\\bfrom\\s+$");
    private static final Pattern BEFORE_BETWEEN = Pattern.compile("(?i)\\bbetween\\s+$");
    private static final int LOOK_BACK = 12;

    private Quantities() {
    }

    private static String side(int n) {
        return "(?<side" + n + ">"
                + "(?<neg" + n + ">\\b(?i:minus|negative)\\s+"
                + "|(?<![\\p{L}\\p{N}\\p{Pd}])[-\u2212](?=[\\d$\u20ac\u00a3]))?"
                + "(?:(?<cur" + n + ">" + Currencies.PREFIX + ")|" + BOUNDARY + ")"
                + "(?<amt" + n + ">" + Amounts.AMOUNT + ")"
                // "$2 and 98 cents"
                + "(?:(?<and" + n + ">\\s+(?i:and)\\s+(?<cents" + n + ">\\d{1,2}|" + Amounts.BELOW_HUNDRED + ")"
                + "\\s+(?i:cents?)(?![\\p{L}\\p{N}]))"
                + "|(?<pct" + n + ">\\s?%(?:s(?![\\p{L}\\p{N}]))?|[\\s-](?i:percent|per\\s?cent|pct)(?![\\p{L}\\p{N}]))"
                + "|(?<bp" + n + ">\\s?(?i:basis[\\s-]points?|bps|bips|bp)(?![\\p{L}\\p{N}]))"
                + "|(?<pp" + n + ">[\\s-](?i:percentage[\\s-]points?|ppts?|pp)(?![\\p{L}\\p{N}]))"
                + "|(?<csfx" + n + ">\\s+" + Currencies.SUFFIX + ")"
                + "|(?<unit" + n + ">[\\s-]?" + Units.ANY + ")"
                + "|(?<mult" + n + ">x(?![\\p{L}\\p{N}]))"
                + ")?"
                // not a code ("10-K", "2-P reserves"), nor "63 [basis points] year-over-year"
                + "(?![\\p{L}\\p{N}]|-\\p{Lu}(?!\\p{L})|-(?i:over|on)-))";
    }

    /** What an amount measures, as written beside it. */
    private enum Measure { NONE, CURRENCY, PERCENT, BASIS_POINTS, PERCENTAGE_POINTS, UNIT, MULTIPLE }

    /**
     * The names of one side's groups in {@link #PATTERN} ({@link #side}), spelled once: a name made at each lookup
     * would be hashed again at each.
     */
    private record SideGroups(String side, String neg, String cur, String amt, String cents, String pct, String bp,
                              String pp, String csfx, String unit, String mult) {

        static final SideGroups FIRST = of(1);
        static final SideGroups SECOND = of(2);

        private static SideGroups of(int n) {
            return new SideGroups("side" + n, "neg" + n, "cur" + n, "amt" + n, "cents" + n, "pct" + n, "bp" + n,
                    "pp" + n, "csfx" + n, "unit" + n, "mult" + n);
        }
    }

    /** One end of a match: an amount and what it measures, changed when a range's other end lends it. */
    private static final class Side {
        final int start;
        final int end;
        final String amount;
        final boolean spelled;
        double value;
        Measure measure = Measure.NONE;
        String unit;
        boolean scaled;

        Side(Matcher m, SideGroups g) {
            start = m.start(g.side());
            end = m.end(g.side());
            amount = m.group(g.amt());
            spelled = !Amounts.inFigures(amount);
            scaled = Amounts.hasScale(amount);
            value = Amounts.value(amount);
            String prefix = m.group(g.cur());
            String suffix = m.group(g.csfx()) == null ? null : m.group(g.csfx()).strip();
            if (m.group(g.cents()) != null) {
                value = Amounts.value(amount) + Amounts.value(m.group(g.cents())) / 100;
            }
            if (suffix != null) {
                // "$2.6 million euros": a transcriber's "$" stands for any currency, the word names it.
                measure = Measure.CURRENCY;
                String named = Currencies.ofSuffix(suffix);
                unit = prefix != null && named.equals("USD") ? Currencies.ofPrefix(prefix) : named;
                value = Amounts.times(value, Currencies.factorOfSuffix(suffix));
            } else if (prefix != null) {
                measure = Measure.CURRENCY;
                unit = Currencies.ofPrefix(prefix);
            } else if (m.group(g.pct()) != null) {
                measure = Measure.PERCENT;
                unit = "%";
            } else if (m.group(g.bp()) != null) {
                measure = Measure.BASIS_POINTS;
                unit = "bp";
            } else if (m.group(g.pp()) != null) {
                measure = Measure.PERCENTAGE_POINTS;
                unit = "pp";
            } else if (m.group(g.unit()) != null) {
                measure = Measure.UNIT;
                unit = Units.symbol(m.group(g.unit()));
            } else if (m.group(g.mult()) != null) {
                measure = Measure.MULTIPLE;
                unit = "x";
            }
            if (m.group(g.neg()) != null) {
                value = -value;
            }
        }

        private Side(Side copied) {
            start = copied.start;
            end = copied.end;
            amount = copied.amount;
            spelled = copied.spelled;
            value = copied.value;
            measure = copied.measure;
            unit = copied.unit;
            scaled = copied.scaled;
        }

        /**
         * This first end of a range with what the second end states and this one leaves out: its unit or currency
         * ("20 to 25%") and its scale ("$2 to $2.5 billion", "three to $4 billion"). Only a smaller figure borrows a
         * scale: "900 to 1.1 billion" says no scale for the 900. Only the first end borrows: in "15% or 350 million"
         * the second end is another amount, not a percentage.
         */
        Side borrowingFrom(Side second) {
            Side borrowed = new Side(this);
            if (measure == Measure.NONE && second.measure != Measure.NONE) {
                borrowed.measure = second.measure;
                borrowed.unit = second.unit;
            }
            if (!scaled && second.scaled && borrowed.sameMeasureAs(second)
                    && Math.abs(Amounts.value(amount)) <= Math.abs(Amounts.unscaled(second.amount))) {
                borrowed.value = Amounts.times(value, Amounts.scale(second.amount));
                borrowed.scaled = true;
            }
            // "180 to 200,000", as transcribers write "a hundred and eighty to two hundred thousand"
            double thousands = Amounts.spokenThousands(amount, second.amount);
            if (thousands > 1 && borrowed.sameMeasureAs(second)) {
                borrowed.value = Amounts.times(value, thousands);
            }
            return borrowed;
        }

        boolean sameMeasureAs(Side other) {
            return measure == other.measure && Objects.equals(unit, other.unit);
        }

        /** A word that is only a number ("five", "a half"): too often not a quantity at all to report alone. */
        boolean bareWord() {
            return spelled && measure == Measure.NONE && Math.abs(value) < 100;
        }
    }

    /** Adds the amounts of {@code text} to {@code out}; {@code lowerCase} is the text in lower case. */
    static void find(String text, String lowerCase, List<Candidate> out) {
        if (!worthRunning(lowerCase)) {
            return;
        }
        List<ScannedMatch> matches = new ArrayList<>();
        scan(text, 0, matches);
        for (ScannedMatch match : matches) {
            out.addAll(match.candidates());
        }
    }

    /**
     * Whether the text (in lower case) can hold an amount at all: a figure or a number word. A check far cheaper
     * than the pattern; {@link #find} reads nothing where it fails.
     */
    static boolean worthRunning(String lowerCase) {
        return worthRunning(lowerCase, 0);
    }

    /**
     * {@link #worthRunning(String)} of {@code text} from {@code from} on, in any case: digits have none, and the
     * number words are looked for ignoring ASCII case ({@link AnyWord}), as the pattern reads them.
     */
    static boolean worthRunning(String text, int from) {
        // A loop rather than a stream of the characters: the same test, Character.isDigit of each, at a fraction of
        // the cost (in ASCII only '0' to '9' are digits).
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9' || c >= 128 && Character.isDigit(c)) {
                return true;
            }
        }
        return ANY_NUMBER_WORD.in(text, from);
    }

    /**
     * Scans {@code text} for {@link #PATTERN} from {@code from} on, as {@link #find} scans it from 0, and adds each
     * match with the candidates it yields (none, one or two) to {@code out}. The whole text is context: patterns
     * look behind {@code from}. A scan resumed where a scan from 0 had no match in progress finds what that scan
     * finds from there on, which is what lets a growing text be read again only at its end.
     */
    static void scan(String text, int from, List<ScannedMatch> out) {
        scan(new StartScan.WordStarts(text, from, text.length()), from, out);
    }

    /**
     * {@link #scan(String, int, List)} of the text of {@code words}, which covers it from {@code from} on; returns the
     * offset of its first attempt that hit the text's end ({@link StartScan.Attempts#firstEndHit}).
     */
    static int scan(StartScan.WordStarts words, int from, List<ScannedMatch> out) {
        String text = words.text();
        // Tried only where a match can start (mayStartAt), at the word starts and marks, as StartScan explains: the
        // same matches.
        StartScan.Attempts attempts = new StartScan.Attempts(PATTERN, text);
        int next = from;
        while (StartScan.find(attempts, words, next, text.length(), STARTS)) {
            Matcher m = attempts.matcher();
            next = m.end();
            List<Candidate> emitted = new ArrayList<>(2);
            read(text, m, emitted);
            out.add(new ScannedMatch(m.start(), m.end(), List.copyOf(emitted)));
        }
        return attempts.firstEndHit();
    }

    private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    /**
     * How a match starting with a letter starts: a currency code of {@link Currencies#PREFIX} (those that must have a
     * figure after them, "USD 5", "Rs.5", with it), "minus" or "negative", or a number word of
     * {@link Amounts#SPELLED}: "a" before "hundred", "half" or a scale word, "half a", or a word of ones, teens or
     * tens. The article "a" alone starts no match, and is the commonest word there is.
     */
    private static final StartScan.Starts WORD_STARTS = StartScan.prefixes(true, concat(
            List.of("us$", "nz$", "hk$", "mx$", "c$", "a$", "s$", "r$", "minus", "negative", "a hundred", "a half",
                    "a thousand", "a million", "a billion", "a trillion", "half a", "one", "two", "three", "four",
                    "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
                    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
                    "sixty", "seventy", "eighty", "ninety"),
            // a code's lookahead (?=\s?\d): a space (more lenient: a run of them) or none, then a digit
            StartScan.combinations(List.of("usd", "cad", "aud", "nzd", "hkd", "sgd", "brl", "mxn", "eur", "gbp", "jpy",
                    "rmb", "cny", "chf", "cop", "inr", "rs", "rs.", "sek", "nok", "dkk", "zar", "idr", "rp", "krw",
                    "try", "pln", "clp", "pen", "ars"), List.of("", " "), DIGITS)).toArray(String[]::new));
    private static final boolean[] DIGIT = StartScan.ascii("0123456789");
    /** What {@link #BOUNDARY} rules out before a number, besides letters and digits. */
    private static final String NOT_BEFORE_FIGURES = ".,:/*#_@";

    /** {@link #mayStartAt} as {@link StartScan} asks it. */
    static final StartScan.Starts STARTS = new StartScan.Starts() {
        private final boolean[] first = firstChars();

        @Override
        public boolean[] first() {
            return first;
        }

        @Override
        public boolean nonAscii() {
            return true;
        }

        @Override
        public boolean wordStartsOrMarks() {
            return true; // see mayStartAt: a digit or a word's letter at a word start, or a sign of MARKS
        }

        @Override
        public int words() {
            // mayStartAt reads a number word's start ("a ", two words) or the character after a sign
            return Math.max(2, WORD_STARTS.words());
        }

        @Override
        public boolean mayStartAt(String text, int at) {
            return Quantities.mayStartAt(text, at);
        }

        @Override
        public boolean mayStartAtWordStart(String text, int at) {
            // a digit with no letter or digit before; else a letter, for the words
            return StartScan.in(DIGIT, text.charAt(at))
                    ? at == 0 || NOT_BEFORE_FIGURES.indexOf(text.charAt(at - 1)) < 0
                    : WORD_STARTS.mayStartAtWordStart(text, at);
        }
    };

    /** The ASCII characters {@link #mayStartAt} may pass: digits, ".", "$", "-" and the letters words start with. */
    private static boolean[] firstChars() {
        boolean[] first = StartScan.ascii("0123456789.$-");
        for (int c = 0; c < 128; c++) {
            first[c] |= WORD_STARTS.first()[c];
        }
        return first;
    }

    /**
     * Whether a match of {@link #PATTERN} may start at {@code at}: false only where none can. A match starts with
     * side 1, whose first character is one of:
     * <ul>
     * <li>a digit or "." of {@link Amounts#FIGURES} (a "." only before a digit), after {@link #BOUNDARY}, which
     * rules out a letter or digit before and the characters of {@link #NOT_BEFORE_FIGURES};</li>
     * <li>a currency sign of {@link Currencies#PREFIX} ($, €, £, ¥, ₹, ₩);</li>
     * <li>a minus sign ("-" or "−") before a digit, "$", "€" or "£", and after no letter, digit or dash
     * ({@code (?<![\p{L}\p{N}\p{Pd}])}: a letter or digit of {@link StartScan#afterLetterOrDigit} is one of
     * {@code \p{L}} or {@code \p{N}});</li>
     * <li>an ASCII letter (every word of the pattern is ASCII, and it ignores ASCII case only): then the
     * {@link #GATE} needs {@code } before it, so no word character before. Upper case starts the codes of
     * {@link Currencies#PREFIX}; any letter starts "minus", "negative" or a number word of {@link Amounts#SPELLED},
     * each as {@link #WORD_STARTS} spells it out: a code with the figure its lookahead needs, "a" with the word
     * after it that {@link Amounts#SPELLED} allows, "half" with its "a".</li>
     * </ul>
     * So a match starts at the start of a word (a digit or a letter with no letter, digit or "_" before: "_" is one
     * of {@link #NOT_BEFORE_FIGURES}) or at one of the signs of {@link StartScan#MARKS}.
     */
    static boolean mayStartAt(String text, int at) {
        char c = text.charAt(at);
        int length = text.length();
        if (StartScan.in(DIGIT, c)) {
            return !StartScan.afterLetterOrDigit(text, at)
                    && (at == 0 || NOT_BEFORE_FIGURES.indexOf(text.charAt(at - 1)) < 0);
        }
        if (c == '.') {
            return at + 1 < length && StartScan.in(DIGIT, text.charAt(at + 1)) && !StartScan.afterLetterOrDigit(text, at)
                    && (at == 0 || NOT_BEFORE_FIGURES.indexOf(text.charAt(at - 1)) < 0);
        }
        if (c == '$' || c == '\u20ac' || c == '\u00a3' || c == '\u00a5' || c == '\u20b9' || c == '\u20a9') {
            return true;
        }
        if (c == '-' || c == '\u2212') {
            // the minus of NEG: (?<![\p{L}\p{N}\p{Pd}]) before it, so not the hyphen of "COVID-19"
            if (at + 1 >= length || StartScan.afterLetterOrDigit(text, at)
                    || at > 0 && Character.getType(text.charAt(at - 1)) == Character.DASH_PUNCTUATION) {
                return false;
            }
            char next = text.charAt(at + 1);
            return StartScan.in(DIGIT, next) || next == '$' || next == '\u20ac' || next == '\u00a3';
        }
        return WORD_STARTS.mayStartAt(text, at);
    }

    private static List<String> concat(List<String> some, List<String> more) {
        List<String> all = new ArrayList<>(some);
        all.addAll(more);
        return all;
    }

    /** {@link #scan} as it was: the pattern tried at every offset. The reference the faster scan is tested against. */
    static void scanEveryOffset(String text, int from, List<ScannedMatch> out) {
        Matcher m = PATTERN.matcher(text);
        int next = from;
        while (next <= text.length() && m.find(next)) {
            // find(int) resets the matcher but keeps the whole text as context: the same as find() after a match
            // ending at next, since no match is empty
            next = m.end();
            List<Candidate> emitted = new ArrayList<>(2);
            read(text, m, emitted);
            out.add(new ScannedMatch(m.start(), m.end(), List.copyOf(emitted)));
        }
    }

    /** Adds the candidates of one match {@code m} to {@code out}. */
    private static void read(String text, Matcher m, List<Candidate> out) {
        Side first = new Side(m, SideGroups.FIRST);
        Side second = m.group(SideGroups.SECOND.side()) != null ? new Side(m, SideGroups.SECOND) : null;
        String rate = m.group("rate") != null ? Units.period(m.group("rate")) : null;
        String per = m.group("per") != null ? Units.thing(m.group("per")) : null;
        int tailEnd = m.end();
        if (second == null) {
            emit(text, first, null, rate, per, tailEnd, out);
            return;
        }
        String before = text.substring(Math.max(0, first.start - LOOK_BACK), first.start);
        boolean change = BEFORE_FROM.matcher(before).find();
        boolean listed = m.group().substring(first.end - first.start).stripLeading()
                .regionMatches(true, 0, "and", 0, 3) && !BEFORE_BETWEEN.matcher(before).find();
        Side borrowed = first.borrowingFrom(second);
        boolean alike = borrowed.sameMeasureAs(second) && borrowed.scaled == second.scaled;
        boolean restated = borrowed.value == second.value; // "$.4 billion, or 400 million dollars"
        if (!alike || listed || restated || second.bareWord()) {
            // Two unlike amounts ("up 5% to $10 million", "19.6 million or 6.7%", "900 to 1.1 billion"), two
            // listed with "and", one said twice, or a ratio ("1.15 to one"): each end on its own, as written.
            emit(text, first, null, null, null, first.end, out);
            emit(text, second, null, rate, per, tailEnd, out);
        } else if (change) {
            // "from 5,000 to 10,000 a week" is a change between two amounts, not a range; the first is
            // read with what the second states.
            emit(text, borrowed, null, rate, null, borrowed.end, out);
            emit(text, second, null, rate, per, tailEnd, out);
        } else {
            emit(text, borrowed, second, rate, per, tailEnd, out);
        }
    }

    private static void emit(String text, Side first, Side second, String rate, String per, int tailEnd,
                             List<Candidate> out) {
        if (first.bareWord() && (second == null || second.bareWord()) && rate == null) {
            return;
        }
        if (first.measure == Measure.CURRENCY && Currencies.needsScale(first.unit) && !first.scaled) {
            return;
        }
        if (second == null && first.measure == Measure.NONE && rate == null
                && (inParentheses(text, first) || afterLabel(text, first))) {
            return; // a list marker, "(1)", or a name, "Model 3"
        }
        if (first.spelled && first.measure == Measure.UNIT && Units.DURATIONS.contains(first.unit)
                && Math.abs(first.value) <= 1) {
            return; // "one day", "one year": idioms more often than durations
        }
        int end = second != null ? second.end : first.end;
        Double low = first.value;
        Double high = second != null ? second.value : null;
        String range = low + (high != null ? ".." + high : "");
        NumberKind kind;
        String unit = first.unit;
        String normalized;
        if (rate != null) {
            kind = NumberKind.RATE;
            end = tailEnd;
            String base = first.measure == Measure.NONE ? "units" : first.unit;
            unit = base + "/" + rate;
            normalized = first.measure == Measure.CURRENCY ? first.unit + " " + range + "/" + rate
                    : first.measure == Measure.PERCENT ? range + "%/" + rate
                    : range + " " + unit;
        } else if (first.measure == Measure.CURRENCY) {
            kind = NumberKind.MONEY;
            normalized = first.unit + " " + range;
            if (per != null) {
                end = tailEnd;
                unit = first.unit + "/" + per;
                normalized += "/" + per;
            }
        } else {
            kind = switch (first.measure) {
                case PERCENT, BASIS_POINTS, PERCENTAGE_POINTS -> NumberKind.PERCENT;
                case UNIT -> NumberKind.QUANTITY;
                default -> NumberKind.OTHER;
            };
            normalized = unit == null ? range
                    : unit.equals("%") || unit.equals("x") ? range + unit
                    : range + " " + unit;
        }
        out.add(new Candidate(first.start, end, kind, low, unit, normalized));
    }

    private static boolean afterLabel(String text, Side side) {
        return LABEL_BEFORE.matcher(text.substring(Math.max(0, side.start - LOOK_BACK), side.start)).find();
    }

    private static boolean inParentheses(String text, Side side) {
        return side.start > 0 && text.charAt(side.start - 1) == '('
                && side.end < text.length() && text.charAt(side.end) == ')';
    }
}
