package io.callstream.ingest.parse;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the call start and fiscal period that transcript headers state in words ("Feb 22, 2017, 5:30 p.m. ET",
 * "FEBRUARY 22, 2017 / 10:30PM GMT", "Q4 2016").
 *
 * <p>A zone is read only when it is one of the abbreviations below, and then exactly: a generic one ("ET") is
 * the region's clock, daylight saving included, a specific one ("EST") its fixed offset. Any other zone gives no
 * start at all rather than a start hours off.
 */
final class CallDates {

    private static final Map<String, ZoneId> ZONES = Map.ofEntries(
            Map.entry("GMT", ZoneOffset.UTC),
            Map.entry("UTC", ZoneOffset.UTC),
            Map.entry("ET", ZoneId.of("America/New_York")),
            Map.entry("CT", ZoneId.of("America/Chicago")),
            Map.entry("MT", ZoneId.of("America/Denver")),
            Map.entry("PT", ZoneId.of("America/Los_Angeles")),
            Map.entry("EST", ZoneOffset.ofHours(-5)),
            Map.entry("EDT", ZoneOffset.ofHours(-4)),
            Map.entry("CST", ZoneOffset.ofHours(-6)),
            Map.entry("CDT", ZoneOffset.ofHours(-5)),
            Map.entry("MST", ZoneOffset.ofHours(-7)),
            Map.entry("MDT", ZoneOffset.ofHours(-6)),
            Map.entry("PST", ZoneOffset.ofHours(-8)),
            Map.entry("PDT", ZoneOffset.ofHours(-7)));

    private CallDates() {
    }

    /**
     * @param month  an English month name or its abbreviation of three or more letters, any case
     * @param amPm   "a" or "p" (any case) for a 12-hour clock, null for a 24-hour one
     * @param zone   a zone abbreviation, any case
     * @return the instant, or empty when any part is not a valid date, time or known zone
     */
    static Optional<Instant> instant(String month, String day, String year, String hour, String minute,
                                     String amPm, String zone) {
        Optional<Month> m = month(month);
        ZoneId zoneId = ZONES.get(zone.toUpperCase(Locale.ROOT));
        if (m.isEmpty() || zoneId == null) {
            return Optional.empty();
        }
        int h = Integer.parseInt(hour);
        if (amPm != null) {
            if (h < 1 || h > 12) {
                return Optional.empty();
            }
            h = h % 12 + (amPm.equalsIgnoreCase("p") ? 12 : 0);
        }
        try {
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(year), m.get(), Integer.parseInt(day), h,
                    Integer.parseInt(minute));
            return Optional.of(local.atZone(zoneId).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The period in the form {@link CallHints} uses, "2016-Q4", from "Q4" (any case) and "2016". */
    static String fiscalPeriod(String quarter, String year) {
        return year + "-" + quarter.toUpperCase(Locale.ROOT);
    }

    private static Optional<Month> month(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        if (wanted.length() < 3) {
            return Optional.empty();
        }
        for (Month month : Month.values()) {
            if (month.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT).startsWith(wanted)) {
                return Optional.of(month);
            }
        }
        return Optional.empty();
    }
}
