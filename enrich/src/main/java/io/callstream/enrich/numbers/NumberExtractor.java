package io.callstream.enrich.numbers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import io.callstream.avro.NumberKind;
import io.callstream.avro.NumberMention;
import io.callstream.avro.Span;

/**
 * Finds the numbers a turn mentions: money, percentages, rates, quantities with a unit, periods, and bare numbers,
 * each with its span and a normalized reading. Two readers propose mentions ({@link Quantities}, {@link Periods});
 * where proposals overlap the widest wins, so that a range beats its ends and "5,000 a week" is one rate rather than
 * a number and a period. Stateless and thread-safe: every pattern is compiled once.
 *
 * <p>Normalized readings: money is its ISO currency code and the value ("USD 2.0E9", a range "USD 2.0E9..2.5E9");
 * other amounts are the value and the unit ("25.0%", "5000.0 units/week", "35.0 GWh", "50.0 bp"); values print as
 * Java prints a double. Periods read as described in {@link Periods} ("Q3", "2017-H1", "this-year-end").
 */
public final class NumberExtractor {

    /**
     * Widest first; between two equally wide overlapping proposals: a period ("2017") before a bare number, then by
     * kind; then by start. Written out rather than chained from key extractors, which box a boolean per comparison.
     */
    static final Comparator<Candidate> PREFERRED = (a, b) -> {
        if (a.width() != b.width()) {
            return Integer.compare(b.width(), a.width());
        }
        boolean aOther = a.kind() == NumberKind.OTHER;
        if (aOther != (b.kind() == NumberKind.OTHER)) {
            return aOther ? 1 : -1;
        }
        boolean aNotPeriod = a.kind() != NumberKind.PERIOD;
        if (aNotPeriod != (b.kind() != NumberKind.PERIOD)) {
            return aNotPeriod ? 1 : -1;
        }
        return Integer.compare(a.start(), b.start());
    };

    /** The mentions in {@code text}, in text order, none overlapping another; empty for null or blank text. */
    public List<NumberMention> find(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<Candidate> proposed = new ArrayList<>();
        String lowerCase = text.toLowerCase(Locale.ROOT);
        Quantities.find(text, lowerCase, proposed);
        Periods.find(text, lowerCase, proposed);
        proposed.sort(PREFERRED);
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : proposed) {
            if (kept.stream().noneMatch(c::overlaps)) {
                kept.add(c);
            }
        }
        kept.sort(Comparator.comparingInt(Candidate::start));
        List<NumberMention> mentions = new ArrayList<>(kept.size());
        for (Candidate c : kept) {
            mentions.add(mention(text, c));
        }
        return mentions;
    }

    /** The mention a kept candidate of {@code text} reports. */
    static NumberMention mention(String text, Candidate c) {
        return NumberMention.newBuilder()
                .setKind(c.kind())
                .setSpan(Span.newBuilder().setStart(c.start()).setEnd(c.end())
                        .setText(text.substring(c.start(), c.end())).build())
                .setValue(c.value())
                .setUnit(c.unit())
                .setNormalized(c.normalized())
                .build();
    }
}
