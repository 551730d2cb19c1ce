package io.callstream.enrich.numbers;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an amount is written, in figures ("2,500", "0.50", "1.2B", "2.5 billion") or in words as verbatim transcripts
 * have them ("two billion", "a half million", "two and a half percent", "twenty-five thousand"), and its value.
 * The regular-expression fragments here are composed into {@link Quantities}' pattern; {@link #value} reads back
 * what they matched.
 */
final class Amounts {

    private static final String ONES = "one|two|three|four|five|six|seven|eight|nine";
    private static final String TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
            + "|nineteen";
    private static final String TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
    static final String BELOW_HUNDRED = "(?:(?:" + TENS + ")(?:[- ](?:" + ONES + "))?|" + TEENS + "|" + ONES + ")";
    private static final String HUNDREDS = "(?:(?:a|" + ONES + ")\\s+hundred(?:\\s+(?:and\\s+)?" + BELOW_HUNDRED + ")?|"
            + BELOW_HUNDRED + ")";

    /** A scale word after an amount: "2.5 billion", "five thousand", "1.2 bn". */
    static final String WORD_SCALE = "(?i:thousand|million|billion|trillion|bn|mn|mm)(?![\\p{L}\\p{N}])";

    /**
     * A number in words. "a" counts only before a scale word ("a million"), and "half" only as "a half" or
     * "half a" ("a half million", "half a percent"), so that "a week" and "the first half" are not numbers.
     */
    static final String SPELLED = "(?i:(?<![\\p{L}\\p{N}'\u2019-])"
            // The first two letters of a number word, checked before trying each word: most words are none.
            + "(?=t[wehi]|f[oi]|s[ie]|e[il]|ni|on|ze|a\\s|ha)(?:"
            + HUNDREDS + "(?:\\s+and\\s+a\\s+half)?"
            + "|a\\s+half|half\\s+a"
            + "|a(?=\\s+(?:thousand|million|billion|trillion)\\b)"
            + ")(?![\\p{L}\\p{N}]))";

    /**
     * A number in figures, with thousands separators and decimals; not the start or end of a longer run of digits
     * (possessive, so "1.5x" cannot shrink to "1"), nor a time of day ("2:30") or a part of "1,5".
     */
    static final String FIGURES = "(?:(?:\\d{1,3}(?:,\\d{3})++|\\d++)(?:\\.\\d++)?+|\\.\\d++)(?![.,:]\\d)";

    /** A scale written straight after the figures: "1.2B", "250K", "$10M", "3.5bn". */
    static final String ATTACHED_SCALE = "(?:bn|mn|MM|tn|[kKmMbB])(?![\\p{L}\\p{N}])";

    /** An amount: figures or words, with a scale if one follows. */
    static final String AMOUNT = "(?:" + FIGURES + "(?:" + ATTACHED_SCALE + "|(?:\\s+|-)" + WORD_SCALE + ")?"
            + "|" + SPELLED + "(?:(?:\\s+|-)" + WORD_SCALE + ")?)";

    private static final Pattern TOKEN = Pattern.compile("\\d[\\d,]*(?:\\.\\d+)?|\\.\\d+|[a-z]+");
    private static final Pattern TRAILING_SCALE = Pattern.compile(
            "(?:\\s+|-)?" + WORD_SCALE + "$|(?<=\\d)" + ATTACHED_SCALE + "$");
    private static final Pattern HAS_SCALE = Pattern.compile("(?i)(?:\\d(?:bn|mn|mm|tn|[kmb])|thousand|million"
            + "|billion|trillion|\\bbn|\\bmn|\\bmm)$");

    private static final Map<String, Integer> WORDS = Map.ofEntries(
            Map.entry("zero", 0), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11),
            Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14),
            Map.entry("fifteen", 15), Map.entry("sixteen", 16), Map.entry("seventeen", 17),
            Map.entry("eighteen", 18), Map.entry("nineteen", 19), Map.entry("twenty", 20),
            Map.entry("thirty", 30), Map.entry("forty", 40), Map.entry("fifty", 50), Map.entry("sixty", 60),
            Map.entry("seventy", 70), Map.entry("eighty", 80), Map.entry("ninety", 90));

    private static final BigDecimal THOUSAND = BigDecimal.TEN.pow(3);
    private static final BigDecimal MILLION = BigDecimal.TEN.pow(6);
    private static final BigDecimal BILLION = BigDecimal.TEN.pow(9);
    private static final BigDecimal TRILLION = BigDecimal.TEN.pow(12);
    private static final BigDecimal HUNDRED = BigDecimal.TEN.pow(2);
    private static final BigDecimal HALF = new BigDecimal("0.5");
    private static final Map<String, BigDecimal> SCALES = Map.ofEntries(
            Map.entry("k", THOUSAND), Map.entry("thousand", THOUSAND),
            Map.entry("m", MILLION), Map.entry("mm", MILLION), Map.entry("mn", MILLION), Map.entry("million", MILLION),
            Map.entry("b", BILLION), Map.entry("bn", BILLION), Map.entry("billion", BILLION),
            Map.entry("tn", TRILLION), Map.entry("trillion", TRILLION));

    private Amounts() {
    }

    /**
     * The value of text matched by {@link #AMOUNT}: "2.5 billion" is 2.5E9, "two and a half million" 2.5E6. Summed in
     * decimal, so that "2.1 billion" reads 2.1E9 and not the binary neighbour 2.0999999999999998E9.
     */
    static double value(String amount) {
        Matcher t = TOKEN.matcher(amount.toLowerCase(Locale.ROOT));
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal current = BigDecimal.ZERO;
        String previous = "";
        while (t.find()) {
            String token = t.group();
            char first = token.charAt(0);
            if (Character.isDigit(first) || first == '.') {
                current = current.add(new BigDecimal(token.replace(",", "")));
            } else if (WORDS.containsKey(token)) {
                current = current.add(BigDecimal.valueOf(WORDS.get(token)));
            } else if (token.equals("half")) {
                current = current.add(HALF);
            } else if (token.equals("a")) {
                // "a million" is one million; the "a" of "a half" and "half a" is not a one.
                boolean beforeHalf = amount.regionMatches(true, t.end(), " half", 0, 5);
                if (!beforeHalf && !previous.equals("half") && !previous.equals("and")) {
                    current = current.add(BigDecimal.ONE);
                }
            } else if (token.equals("hundred")) {
                current = orOne(current).multiply(HUNDRED);
            } else if (SCALES.containsKey(token)) {
                total = total.add(orOne(current).multiply(SCALES.get(token)));
                current = BigDecimal.ZERO;
            }
            previous = token;
        }
        return total.add(current).doubleValue();
    }

    /** The factor of the amount's scale: 1.0E9 for "2 billion" and "1.2B", 1.0 when it has none. */
    static double scale(String amount) {
        Matcher m = TRAILING_SCALE.matcher(amount.strip());
        if (!m.find()) {
            return 1.0;
        }
        String word = LEADING_SPACES.matcher(m.group()).replaceAll("").toLowerCase(Locale.ROOT);
        return SCALES.getOrDefault(word, BigDecimal.ONE).doubleValue();
    }

    /** Spaces and hyphens before a scale word, compiled once (String.replaceAll compiles at each call). */
    private static final Pattern LEADING_SPACES = Pattern.compile("^[\\s-]+");
    private static final Pattern SMALL_WHOLE = Pattern.compile("\\d{1,3}");
    private static final Pattern ROUND_THOUSANDS = Pattern.compile("\\d{1,3}((?:,000)+)");

    /**
     * The factor a range's bare first end leaves unsaid when the second is round thousands: 1000 for "180 to
     * 200,000" (said "one eighty to two hundred thousand"), 1 when the first end is what it says ("5 to 8").
     */
    static double spokenThousands(String first, String second) {
        Matcher round = ROUND_THOUSANDS.matcher(second.strip());
        if (!SMALL_WHOLE.matcher(first.strip()).matches() || !round.matches()) {
            return 1;
        }
        double factor = Math.pow(1000, round.group(1).length() / 4);
        double low = Double.parseDouble(first.strip()) * factor;
        double high = value(second);
        return low <= high && low * 10 >= high ? factor : 1;
    }

    /** {@code value * factor} in decimal: 2.1 times a billion is 2.1E9. */
    static double times(double value, double factor) {
        return BigDecimal.valueOf(value).multiply(BigDecimal.valueOf(factor)).doubleValue();
    }

    private static BigDecimal orOne(BigDecimal current) {
        return current.signum() == 0 ? BigDecimal.ONE : current;
    }

    /** Whether the amount carries a scale ("2 billion", "1.2B"), as a range's bare first end may borrow it. */
    static boolean hasScale(String amount) {
        return HAS_SCALE.matcher(amount.strip()).find();
    }

    /** The amount without its scale: "2.5 billion" reads 2.5, so that "2 to 2.5 billion" can compare its ends. */
    static double unscaled(String amount) {
        String stripped = amount.strip();
        Matcher m = TRAILING_SCALE.matcher(stripped);
        return m.find() ? value(stripped.substring(0, m.start())) : value(stripped);
    }

    /** Whether the amount is written in figures, not words. */
    static boolean inFigures(String amount) {
        return amount.chars().anyMatch(Character::isDigit);
    }
}
