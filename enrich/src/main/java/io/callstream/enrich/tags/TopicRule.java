package io.callstream.enrich.tags;

import java.util.List;
import java.util.Objects;

/**
 * One topic of a taxonomy: its stable id, its label for people, and what tags a turn with it: Lucene queries, any of
 * which matching tags it with the matched words as evidence, and example sentences, to which a sentence of the turn
 * close enough in meaning tags it ({@link io.callstream.enrich.tags.learned.ExampleTopics}). Each query keeps the
 * line it was written on, so that an error names it.
 *
 * @param id          the stable topic id ("capital-raise"): a key in stores, alerts and reports
 * @param label       the label for people ("Capital raise")
 * @param line        the line of the file where the topic starts
 * @param queries     the topic's queries, OR-ed
 * @param description one line for people on what the topic covers, or null
 * @param examples    sentences that are about the topic
 * @param similarity  how close in meaning a sentence must be to an example to carry the topic (cosine, 0..1)
 */
public record TopicRule(String id, String label, int line, List<QueryLine> queries, String description,
                        List<String> examples, double similarity) {

    /** The closeness to an example that tags, unless the topic says otherwise. */
    public static final double DEFAULT_SIMILARITY = 0.6;

    public TopicRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        queries = List.copyOf(queries);
        examples = List.copyOf(examples);
        if (queries.isEmpty() && examples.isEmpty()) {
            throw new IllegalArgumentException("topic " + id + " has neither a query nor an example");
        }
    }

    /** A topic of queries alone. */
    public TopicRule(String id, String label, int line, List<QueryLine> queries) {
        this(id, label, line, queries, null, List.of(), DEFAULT_SIMILARITY);
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
