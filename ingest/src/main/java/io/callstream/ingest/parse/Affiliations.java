package io.callstream.ingest.parse;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a header's affiliation names. Layouts write different things there: the vendor layout a firm ("Tesla, Inc."),
 * the double-dash layout a job title for the company's people ("Head of Investor Relations"), the participants layout
 * both ("Tesla Inc - CEO"). Whoever reads an affiliation for a company must not take a job title for one.
 */
public final class Affiliations {

    /** Words that make a text a job title, as the layouts write them. */
    private static final Pattern TITLE_WORD = Pattern.compile("\\b(?:Officer|President|Director|Chief|Head|Vice|"
            + "Manager|Chairman|Chairwoman|Chair|CEO|CFO|COO|CTO|Treasurer|Secretary|Relations|Partner|VP|EVP|SVP|"
            + "Founder|Controller|Counsel|Executive|Analyst|IR)\\b");
    /**
     * Where the layouts put a firm beside a title. Not a comma: after a title it opens a department ("Vice
     * President, Finance"), which is no firm.
     */
    private static final Pattern PARTS = Pattern.compile(" -- | - ");

    private Affiliations() {
    }

    /** Whether {@code text} names a job: "Chief Financial Officer", "Head of Investor Relations", "Analyst". */
    static boolean isJobTitle(String text) {
        return TITLE_WORD.matcher(text).find();
    }

    /**
     * The organisation an affiliation names: all of it when it holds no job title, else its first part that is no
     * title ("Tesla Inc - CEO" gives "Tesla Inc"), else empty: "Chief Financial Officer" names no organisation.
     */
    public static Optional<String> organisation(String affiliation) {
        String text = affiliation.strip();
        if (!isJobTitle(text)) {
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        }
        for (String part : PARTS.split(text)) {
            if (!part.isBlank() && !isJobTitle(part)) {
                return Optional.of(part.strip());
            }
        }
        return Optional.empty();
    }
}
