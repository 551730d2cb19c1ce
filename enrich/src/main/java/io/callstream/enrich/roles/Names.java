package io.callstream.enrich.roles;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Compares people's names the way an operator's introduction and a transcript's label differ: "Adam Jonas" and
 * "Adam Michael Jonas", "Jeff Osborne" and "Jeffrey Osborne" are one person; the last name decides, ignoring case,
 * punctuation and generational suffixes.
 */
public final class Names {

    private static final Pattern SUFFIX = Pattern.compile("^(?:jr|sr|ii|iii|iv|phd|cfa)$");

    private Names() {
    }

    public static boolean sameLastName(String a, String b) {
        String x = lastName(a);
        return !x.isEmpty() && x.equals(lastName(b));
    }

    static String lastName(String name) {
        if (name == null) {
            return "";
        }
        String[] words = name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\s-]", " ").trim().split("\\s+");
        for (int i = words.length - 1; i >= 0; i--) {
            if (!words[i].isEmpty() && !SUFFIX.matcher(words[i]).matches()) {
                return words[i];
            }
        }
        return "";
    }
}
