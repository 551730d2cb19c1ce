package io.callstream.enrich.tags;

import java.util.List;
import java.util.Objects;

/**
 * One topic of a taxonomy: its stable id, its label for people, and the Lucene queries any of which tags a turn
 * with it. Each query keeps the line it was written on, so that an error names it.
 *
 * @param id      the stable topic id ("capital-raise"): a key in stores, alerts and reports
 * @param label   the label for people ("Capital raise")
 * @param line    the line of the file where the topic starts
 * @param queries the topic's queries, OR-ed; at least one
 */
public record TopicRule(String id, String label, int line, List<QueryLine> queries) {

    public TopicRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        queries = List.copyOf(queries);
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("topic " + id + " has no query");
        }
    }

    /**
     * One {@code query:} line.
     *
     * @param line  its line number in the file, counting from 1
     * @param query the query in Lucene's classic query syntax
     */
    public record QueryLine(int line, String query) {

        public QueryLine {
            Objects.requireNonNull(query, "query");
        }
    }
}
