package io.callstream.enrich.tags;

import io.callstream.schemas.calls.OrganisationNames;

import java.util.List;
import java.util.Objects;

/**
 * A taxonomy file, parsed and checked: topics with their rules, under an id and a version that every tag carries.
 *
 * @param id      the taxonomy's id ("general", "tsla")
 * @param version its version ("2026-11-27.1"); a changed rule deserves a new one, since tags name it
 * @param ticker  the ticker whose calls it applies to (a company watchlist), or null for every call
 * @param companies the names of the watchlist's company ("Tesla", "Tesla Motors"): a call whose source gives no
 *                ticker but names one of them gets the watchlist too; empty for a general taxonomy
 * @param topics  its topics, in file order
 * @param source  where it was read from (a file name or a classpath resource), for messages
 * @param line    the line of its {@code taxonomy:} key, for messages
 */
public record Taxonomy(String id, String version, String ticker, List<String> companies, List<TopicRule> topics,
        String source, int line) {

    public Taxonomy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(source, "source");
        companies = List.copyOf(companies);
        topics = List.copyOf(topics);
    }

    /**
     * Whether {@code company} (a call's company as its source or transcript gives it) is one of this watchlist's
     * companies: whole words, corporate suffixes aside ("Tesla, Inc." is "Tesla"; "Teslarati Capital" is not).
     */
    public boolean namesCompany(String company) {
        if (company == null || companies.isEmpty()) {
            return false;
        }
        String key = OrganisationNames.key(company);
        return companies.stream().anyMatch(name -> OrganisationNames.isNamed(key, OrganisationNames.key(name)));
    }

    /** Whether a call of {@code callTicker} (null when unknown) is tagged with this taxonomy's topics. */
    public boolean appliesTo(String callTicker) {
        return ticker == null || ticker.equalsIgnoreCase(callTicker);
    }
}
