package io.callstream.enrich.numbers;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Currencies as calls name them, before an amount ("$", "US$", "€", "CHF", "R$") or after it ("dollars",
 * "euros", "cents"), read as ISO 4217 codes. A bare "$" is read as US dollars: the calls this project reads are
 * mostly American, and a Canadian or Australian speaker who means their own dollar rarely says so at every amount.
 */
final class Currencies {

    /**
     * A currency written before the amount. Codes are upper case and case-sensitive ("try 5" is no Turkish lira);
     * symbols need no space, codes may have one ("EUR 55 million", "CHF383 million").
     */
    static final String PREFIX = "(?:(?<![\\p{L}\\p{N}])(?:US\\$|NZ\\$|HK\\$|MX\\$|C\\$|A\\$|S\\$|R\\$)"
            + "|\\$|\u20ac|\u00a3|\u00a5|\u20b9|\u20a9"
            + "|(?<![\\p{L}\\p{N}])(?=[A-Z])(?:USD|CAD|AUD|NZD|HKD|SGD|BRL|MXN|EUR|GBP|JPY|RMB|CNY|CHF|COP|INR"
            + "|Rs\\.?|SEK|NOK"
            + "|DKK|ZAR|IDR|Rp|KRW|TRY|PLN|CLP|PEN|ARS)(?=\\s?\\d))\\s?";

    /** A currency named after the amount: "500 million dollars", "50 cents", "2 billion US dollars". */
    static final String SUFFIX = "(?:(?i:(?:(?:US|U\\.S\\.|American|Canadian|Australian|Hong\\s+Kong|Singapore"
            + "|New\\s+Zealand)\\s+)?dollars?|bucks|cents?|euros?|(?:British\\s+)?pounds?(?:\\s+sterling)?|pence|yen"
            + "|yuan|renminbi|(?:Swiss\\s+)?francs?|(?:(?:Colombian|Mexican|Chilean)\\s+)?pesos?|reais|rupees?|rand"
            + "|r[ou]{1,2}bles?)"
            // "43.6 trillion won": the Korean won, after a scale word only, where it cannot be the verb
            + "|(?<=(?i:thousand|million|billion|trillion)\\s)won"
            // An ISO code after the amount: "4.7 billion RUB", "55 million EUR".
            + "|(?:USD|EUR|GBP|RUB|CHF|JPY|CNY|RMB|INR|BRL|CAD|AUD|SEK|NOK|DKK|ZAR|MXN|COP|IDR|KRW|PLN))"
            + "(?![\\p{L}\\p{N}])";

    private static final Map<String, String> SYMBOLS = Map.ofEntries(
            Map.entry("$", "USD"), Map.entry("US$", "USD"), Map.entry("NZ$", "NZD"), Map.entry("HK$", "HKD"),
            Map.entry("MX$", "MXN"), Map.entry("C$", "CAD"), Map.entry("A$", "AUD"), Map.entry("S$", "SGD"),
            Map.entry("R$", "BRL"), Map.entry("\u20ac", "EUR"), Map.entry("\u00a3", "GBP"), Map.entry("\u00a5", "JPY"),
            Map.entry("\u20b9", "INR"), Map.entry("\u20a9", "KRW"), Map.entry("RMB", "CNY"), Map.entry("RS", "INR"),
            Map.entry("RS.", "INR"), Map.entry("RP", "IDR"));

    /** Runs of spaces, compiled once (String.replaceAll compiles at each call). */
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Currencies() {
    }

    /** The ISO code of a prefix matched by {@link #PREFIX}. */
    static String ofPrefix(String prefix) {
        String p = prefix.strip().toUpperCase(Locale.ROOT);
        return SYMBOLS.getOrDefault(p, p);
    }

    /** The ISO code of a currency word matched by {@link #SUFFIX}. */
    static String ofSuffix(String word) {
        String w = SPACES.matcher(word.toLowerCase(Locale.ROOT)).replaceAll(" ");
        if (w.endsWith("dollar") || w.endsWith("dollars")) {
            if (w.startsWith("canadian")) {
                return "CAD";
            }
            if (w.startsWith("australian")) {
                return "AUD";
            }
            if (w.startsWith("hong kong")) {
                return "HKD";
            }
            if (w.startsWith("singapore")) {
                return "SGD";
            }
            if (w.startsWith("new zealand")) {
                return "NZD";
            }
            return "USD";
        }
        if (w.startsWith("euro")) {
            return "EUR";
        }
        if (w.contains("pound") || w.equals("pence")) {
            return "GBP";
        }
        if (w.contains("peso")) {
            // Several countries' currency: without the country it stays the word that was said.
            return w.startsWith("colombian") ? "COP" : w.startsWith("chilean") ? "CLP"
                    : w.startsWith("mexican") ? "MXN" : "pesos";
        }
        return switch (w) {
            case "bucks", "cent", "cents" -> "USD";
            case "yen" -> "JPY";
            case "yuan", "renminbi" -> "CNY";
            case "reais" -> "BRL";
            case "rupee", "rupees" -> "INR";
            case "rand" -> "ZAR";
            case "won" -> "KRW";
            case "ruble", "rubles", "rouble", "roubles" -> "RUB";
            case "rmb" -> "CNY";
            default -> w.contains("franc") ? "CHF" : w.toUpperCase(Locale.ROOT); // an ISO code as written
        };
    }

    /** What one of the named unit is worth in the currency: a cent is a hundredth of a dollar. */
    static double factorOfSuffix(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        return w.startsWith("cent") || w.equals("pence") ? 0.01 : 1.0;
    }

    /** "COP26" is a climate summit, not 26 Colombian pesos: such a code is money only with a scale word after it. */
    static boolean needsScale(String isoCode) {
        return isoCode.equals("COP");
    }
}
