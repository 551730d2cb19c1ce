package io.callstream.ingest.parse;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Call hints from the title line of a timed transcript. Two title shapes are known, and only those are read;
 * any other title gives no hints rather than a guess (a subject such as "Second quarter 2021" is no company):
 * <ul>
 *   <li>Earnings-21: {@code Monro Inc fiscal Q3 earnings call - ...}: company as written, fiscal period
 *       {@code Q3} (the title gives no year); also the common {@code Acme Corp Q3 2021 Earnings Call}, period
 *       {@code 2021-Q3};</li>
 *   <li>Earnings-22: {@code TLK (Indonesia) earnings call - ...}: the leading code is a listing symbol
 *       ({@code TXN}, {@code COST}, {@code SONY}, OTC codes such as {@code KGHPF}), so it is the ticker, not
 *       the company; the company is left unknown and the country is not a hint.</li>
 * </ul>
 */
final class TimedTextTitle {

    private static final Pattern FISCAL = Pattern.compile(
            "^(\\S.*?)\\s+(?:(?i:fiscal)\\s+)?([Qq][1-4])(?:\\s+((?:19|20)\\d\\d))?\\s+(?i:earnings call)\\b");
    private static final Pattern TICKER_AND_COUNTRY = Pattern.compile(
            "^([A-Z][A-Z0-9.\\-]{0,9})\\s+\\([^()]+\\)\\s+(?i:earnings call)\\b");

    private TimedTextTitle() {
    }

    static CallHints hints(String title) {
        if (title == null) {
            return CallHints.NONE;
        }
        String line = title.strip();
        Matcher fiscal = FISCAL.matcher(line);
        if (fiscal.find()) {
            String quarter = fiscal.group(2).toUpperCase(Locale.ROOT);
            String period = fiscal.group(3) == null ? quarter : fiscal.group(3) + "-" + quarter;
            return new CallHints(fiscal.group(1), null, period, null);
        }
        Matcher ticker = TICKER_AND_COUNTRY.matcher(line);
        if (ticker.find()) {
            return new CallHints(null, ticker.group(1), null, null);
        }
        return CallHints.NONE;
    }
}
