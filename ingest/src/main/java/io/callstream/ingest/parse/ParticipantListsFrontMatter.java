package io.callstream.ingest.parse;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the header block of a participants-layout export says about the call: the event title
 * ({@code Q4 2016 Tesla Inc Earnings Call}, perhaps after the ticker: {@code TSLA - Q4 2016 Tesla Inc Earnings
 * Call}) and {@code EVENT DATE/TIME: FEBRUARY 22, 2017 / 10:30PM GMT} (plain-text exports leave out the
 * {@code EVENT DATE/TIME:}). The title is the event title line when
 * there is one, else the first line; the company is the title's words between period and "Earnings".
 */
final class ParticipantListsFrontMatter {

    private static final Pattern EVENT_TITLE = Pattern.compile(
            "(?i)^(?:(?<ticker>[A-Z][A-Z0-9]*(?:\\.[A-Z0-9]+)?) - )?(?<quarter>Q[1-4]) (?:FY ?)?"
                    + "(?<year>(?:19|20)\\d{2}) (?<company>.+?) earnings (?:conference )?call\\b.*$");
    private static final Pattern EVENT_TIME = Pattern.compile(
            "(?i)^(?:event date/time: ?)?(?<month>[a-z]{3,9})\\.? (?<day>\\d{1,2}),? (?<year>\\d{4})(?: ?/|,)? "
                    + "(?<hour>\\d{1,2}):(?<minute>\\d{2}) ?(?:(?<ampm>[ap])\\.?m\\.?)? (?<zone>[a-z]{2,3})$");

    private ParticipantListsFrontMatter() {
    }

    static String title(List<SourceLine> front) {
        return eventTitle(front).map(Matcher::group)
                .or(() -> front.stream().filter(l -> !l.isBlank()).map(SourceLine::text).findFirst())
                .orElse(null);
    }

    static CallHints hints(List<SourceLine> front) {
        Optional<Matcher> title = eventTitle(front);
        Instant start = front.stream()
                .map(line -> EVENT_TIME.matcher(line.text()))
                .filter(Matcher::matches)
                .map(m -> CallDates.instant(m.group("month"), m.group("day"), m.group("year"), m.group("hour"),
                        m.group("minute"), m.group("ampm"), m.group("zone")))
                .flatMap(Optional::stream)
                .findFirst().orElse(null);
        return new CallHints(
                title.map(m -> m.group("company")).orElse(null),
                title.map(m -> m.group("ticker")).orElse(null),
                title.map(m -> CallDates.fiscalPeriod(m.group("quarter"), m.group("year"))).orElse(null),
                start);
    }

    private static Optional<Matcher> eventTitle(List<SourceLine> front) {
        return front.stream().map(line -> EVENT_TITLE.matcher(line.text())).filter(Matcher::matches).findFirst();
    }
}
