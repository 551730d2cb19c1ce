package io.callstream.enrich.numbers;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The units a counted or measured amount can carry ("35 gigawatt-hours", "5 MW", "1 million vehicles"), each read
 * as one canonical symbol, and the periods a rate is counted per ("a week", "per year", "annually").
 */
final class Units {

    /** One unit: how it may be written, and the symbol it is reported as. */
    private record Unit(Pattern written, String symbol) {
    }

    // Most specific first: "gigawatt-hours" before "gigawatts", "barrels of oil equivalent" before "barrels".
    // Abbreviations are case-sensitive ("MW" is not "mw"), words are not.
    private static final List<Unit> UNITS = List.of(
            unit("(?i:giga-?watt[- ]?hours?)|GWh", "GWh"),
            unit("(?i:mega-?watt[- ]?hours?)|MWh", "MWh"),
            unit("(?i:kilo-?watt[- ]?hours?)|kWh|KWh", "kWh"),
            unit("(?i:tera-?watt[- ]?hours?)|TWh", "TWh"),
            unit("(?i:giga-?watts?)|GW", "GW"),
            unit("(?i:mega-?watts?)|MW", "MW"),
            unit("(?i:kilo-?watts?)|kW|KW", "kW"),
            unit("(?i:barrels?\\s+of\\s+oil\\s+equivalent)|boes?|BOEs?", "boe"),
            unit("(?i:barrels?)|bbls?", "bbl"),
            unit("Bcf|bcf", "Bcf"),
            unit("Mcf|mcf", "Mcf"),
            unit("MMBtu|MMBTU", "MMBtu"),
            unit("(?i:(?:metric\\s+)?tons?|tonnes?)", "t"),
            unit("(?i:kilograms?|kilos?)|kg", "kg"),
            unit("(?i:ounces?)|oz", "oz"),
            unit("(?i:square\\s+(?:feet|foot))|sq\\.?\\s?ft", "sq ft"),
            unit("(?i:square\\s+met(?:er|re)s?)", "m2"),
            unit("(?i:kilomet(?:er|re)s?)|km", "km"),
            unit("(?i:miles?)", "miles"),
            unit("(?i:hectares?)", "ha"),
            unit("(?i:acres?)", "acres"),
            unit("(?i:units?)", "units"),
            unit("(?i:vehicles?)", "vehicles"),
            unit("(?i:cars?)", "cars"),
            unit("(?i:trucks?)", "trucks"),
            unit("(?i:cells?)", "cells"),
            unit("(?i:packs?)", "packs"),
            unit("(?i:stores?)", "stores"),
            unit("(?i:restaurants?)", "restaurants"),
            unit("(?i:branch(?:es)?)", "branches"),
            unit("(?i:locations?)", "locations"),
            unit("(?i:employees?)", "employees"),
            unit("(?i:people)", "people"),
            unit("(?i:customers?)", "customers"),
            unit("(?i:clients?)", "clients"),
            unit("(?i:subscribers?)", "subscribers"),
            unit("(?i:users?)", "users"),
            unit("(?i:members?)", "members"),
            unit("(?i:accounts?)", "accounts"),
            unit("(?i:households?)", "households"),
            unit("(?i:homes?)", "homes"),
            unit("(?i:patients?)", "patients"),
            unit("(?i:orders?)", "orders"),
            unit("(?i:reservations?)", "reservations"),
            unit("(?i:deliveries|delivery)", "deliveries"),
            unit("(?i:shipments?)", "shipments"),
            unit("(?i:contracts?)", "contracts"),
            unit("(?i:shares?)", "shares"),
            unit("(?i:wells?)", "wells"),
            unit("(?i:rigs?)", "rigs"),
            unit("(?i:plants?)", "plants"),
            unit("(?i:factories|factory)", "factories"),
            unit("(?i:countries|country)", "countries"),
            unit("(?i:markets?)", "markets"),
            unit("(?i:days?)", "days"),
            unit("(?i:weeks?)", "weeks"),
            unit("(?i:months?)", "months"),
            unit("(?i:quarters?)", "quarters"),
            unit("(?i:years?)", "years"),
            unit("(?i:hours?)", "hours"));

    /** Any unit of {@link #UNITS}, as a fragment of a larger pattern. */
    static final String ANY = "(?:" + String.join("|", UNITS.stream().map(u -> u.written().pattern()).toList())
            + ")(?![\\p{L}\\p{N}])";

    /** The units that measure time: an amount of them is a duration. */
    static final List<String> DURATIONS = List.of("days", "weeks", "months", "quarters", "years", "hours");

    /** The period of a rate: "a week", "per year", "/month", "annually". */
    static final String PER_PERIOD = "(?:(?:\\s*-\\s*|\\s+)(?i:a|an|per|each|every)\\s+"
            + "(?i:day|week|month|quarter|year|annum|hour|shift)"
            + "|\\s*/\\s*(?i:day|week|wk|month|mo|quarter|year|yr|hour|hr)"
            + "|\\s+(?i:annually|yearly|weekly|monthly|daily|quarterly|per\\s+annum))(?![\\p{L}\\p{N}])"
            // "$300 million a year ago" is an amount and a time, not a rate.
            + "(?!\\s+(?i:ago|earlier|before|later|prior|from\\s+now|or\\s+two)\\b)";

    /** What a price is counted per: "$0.50 per share", "$35,000 a car", "$100 per kilowatt-hour". */
    static final String PER_THING = "(?:\\s+(?i:per|a|an)\\s+|\\s*/\\s*)(?i:(?:diluted\\s+)?share|unit|vehicle|car"
            + "|barrel|boe|ton|tonne|kilowatt[- ]hour|kWh|megawatt[- ]hour|MWh|ounce|square\\s+foot|pound"
            + "|hundred\\s+kilos?)(?![\\p{L}\\p{N}])";

    /**
     * Every unit's way of writing as one pattern, one group each in {@link #UNITS}' order: a unit's own pattern
     * matches all of a text exactly where its branch here does, and the branches are tried in order, so the group
     * that matches names the first unit whose pattern matches, as trying them one by one would find it.
     */
    private static final Pattern ANY_UNIT = Pattern.compile(String.join("|",
            UNITS.stream().map(u -> "(" + u.written().pattern() + ")").toList()));

    static {
        for (Unit u : UNITS) {
            if (u.written().matcher("").groupCount() > 0) {
                throw new IllegalStateException("a unit's pattern has a group of its own: " + u.written());
            }
        }
    }

    // What the readings strip, compiled once (String.replaceAll compiles at each call).
    private static final Pattern SLASH_FIRST = Pattern.compile("^/\\s*");
    private static final Pattern PER_FIRST = Pattern.compile("^(?i:per|an|a)\\s+|^/\\s*");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Units() {
    }

    private static Unit unit(String written, String symbol) {
        return new Unit(Pattern.compile(written), symbol);
    }

    /** The symbol of a unit matched by {@link #ANY} (leading space or hyphen allowed). */
    static String symbol(String written) {
        String w = written.strip();
        if (w.startsWith("-")) {
            w = w.substring(1).strip();
        }
        Matcher m = ANY_UNIT.matcher(w);
        if (m.matches()) {
            for (int group = 1; group <= UNITS.size(); group++) {
                if (m.start(group) >= 0) {
                    return UNITS.get(group - 1).symbol();
                }
            }
        }
        return w.toLowerCase(Locale.ROOT);
    }

    /** {@link #symbol} as it was: each unit's pattern tried in turn. The reference the one pattern is tested against. */
    static String symbolUnitByUnit(String written) {
        String w = written.strip();
        if (w.startsWith("-")) {
            w = w.substring(1).strip();
        }
        for (Unit u : UNITS) {
            if (u.written().matcher(w).matches()) {
                return u.symbol();
            }
        }
        return w.toLowerCase(Locale.ROOT);
    }

    /** The period of a rate matched by {@link #PER_PERIOD}: "week", "year". */
    static String period(String tail) {
        String t = tail.strip().toLowerCase(Locale.ROOT);
        if (t.endsWith("annum") || t.equals("annually") || t.equals("yearly") || t.endsWith("yr")) {
            return "year";
        }
        for (String p : List.of("day", "week", "month", "quarter", "year", "hour", "shift")) {
            if (t.endsWith(p) || t.equals(p + "ly")) {
                return p;
            }
        }
        return switch (SLASH_FIRST.matcher(t).replaceAll("")) {
            case "wk", "weekly" -> "week";
            case "mo", "monthly" -> "month";
            case "hr" -> "hour";
            case "daily" -> "day";
            case "quarterly" -> "quarter";
            default -> t;
        };
    }

    /** The thing a price is per, matched by {@link #PER_THING}: "share", "kWh". */
    static String thing(String tail) {
        String t = SPACES.matcher(PER_FIRST.matcher(tail.strip()).replaceAll("")).replaceAll(" ")
                .toLowerCase(Locale.ROOT);
        return switch (t) {
            case "kilowatt-hour", "kilowatt hour", "kwh" -> "kWh";
            case "megawatt-hour", "megawatt hour", "mwh" -> "MWh";
            case "diluted share" -> "share";
            case "hundred kilo", "hundred kilos" -> "100kg";
            default -> t;
        };
    }
}
