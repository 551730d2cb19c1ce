package io.callstream.ingest.parse;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the lines before a double-dash transcript's first heading or turn say about the call: a title such as
 * {@code Tesla (TSLA) Q4 2016 Earnings Call Transcript} or {@code Tesla Inc (NASDAQ: TSLA)}, a period line
 * {@code Q4 2016 Earnings Call}, a date line {@code Feb 22, 2017, 5:30 p.m. ET}. Each hint is taken from the first
 * line that states it; a date without a time gives no start, since the call's start is what the hint means.
 */
final class DoubleDashFrontMatter {

    private static final Pattern COMPANY_AND_TICKER = Pattern.compile(
            "^(?<company>\\p{L}[^()]*?) ?\\((?:[A-Za-z]{2,10} ?: ?)?(?<ticker>[A-Z][A-Z0-9]*(?:[.\\-][A-Z0-9]+)?)"
                    + "(?: [-+]?\\d+(?:\\.\\d+)?%)?\\)");
    private static final Pattern PERIOD = Pattern.compile(
            "(?i)\\b(?<quarter>Q[1-4]) (?:FY ?)?(?<year>(?:19|20)\\d{2}) .*\\bearnings\\b");
    private static final Pattern START = Pattern.compile(
            "(?i)\\b(?<month>[a-z]{3,9})\\.? (?<day>\\d{1,2}),? (?<year>\\d{4}),?(?: at)? (?<hour>\\d{1,2}):"
                    + "(?<minute>\\d{2}) ?(?:(?<ampm>[ap])\\.?m\\.?)? (?<zone>[a-z]{2,3})\\b");

    private DoubleDashFrontMatter() {
    }

    /** The first non-blank line, or null. */
    static String title(List<SourceLine> front) {
        return front.stream().filter(l -> !l.isBlank()).map(SourceLine::text).findFirst().orElse(null);
    }

    static CallHints hints(List<SourceLine> front) {
        Optional<Matcher> company = first(front, COMPANY_AND_TICKER);
        String fiscalPeriod = first(front, PERIOD)
                .map(m -> CallDates.fiscalPeriod(m.group("quarter"), m.group("year"))).orElse(null);
        Instant start = front.stream()
                .map(line -> START.matcher(line.text()))
                .filter(Matcher::find)
                .map(m -> CallDates.instant(m.group("month"), m.group("day"), m.group("year"), m.group("hour"),
                        m.group("minute"), m.group("ampm"), m.group("zone")))
                .flatMap(Optional::stream)
                .findFirst().orElse(null);
        return new CallHints(company.map(m -> m.group("company").strip()).orElse(null),
                company.map(m -> m.group("ticker")).orElse(null), fiscalPeriod, start);
    }

    private static Optional<Matcher> first(List<SourceLine> lines, Pattern pattern) {
        Function<SourceLine, Matcher> matcher = line -> pattern.matcher(line.text());
        return lines.stream().map(matcher).filter(Matcher::find).findFirst();
    }
}
