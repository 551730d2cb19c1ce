package io.callstream.backtest;

import io.callstream.enrich.EnrichOptions;

/**
 * One side of a backtest: the taxonomies and alert rules the topology runs with, under a short label ("A", "B")
 * that names it in the report's files.
 */
public record RuleSet(String label, EnrichOptions options) {

    /** The rules file's id and version, and where it came from: "default 2026-11-27.1 (default.rules.yaml)". */
    public String describe() {
        return options.rules().id() + " " + options.rules().version() + " (" + options.rules().source() + ")";
    }
}
