package io.callstream.enrich.tags;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.Token;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * Reads one rule query, in Lucene's classic query syntax, into a Lucene {@link Query} over the turn text: the
 * one place rule text becomes a query, used by {@link TaxonomyParser} to check a file at load and by
 * {@link TopicTagger} to register it.
 *
 * <p>The syntax is the classic parser's: {@code "raise capital"} (a phrase), {@code "raise capital"~3} (the words
 * within three moves of each other, in any order), {@code AND}, {@code OR}, {@code NOT}, {@code +}, {@code -},
 * parentheses, {@code capit*} (a prefix: not stemmed). Words side by side without an operator are OR-ed, as in
 * Lucene. Words are analysed like turn text ({@link TopicAnalyzer}), so {@code raise} also matches "raising"; a
 * hyphenated word is a phrase ({@code S-curve} matches "S curve" and "S-curve").
 *
 * <p>Refused: syntax errors (with the column), a field other than the text ({@code title:x}), a query that
 * matches every turn ({@code *:*}), one with no word that may match (only {@code NOT} clauses, or only
 * punctuation), and a phrase whose slop and length reach across the sentence gap of {@link TopicAnalyzer}
 * ({@code "raise capital"~100}): rules are sentence-local, which is what lets {@link GrowingTurnTags} match a
 * growing turn sentence by sentence.
 */
final class TopicQueries {

    private static final Pattern COLUMN = Pattern.compile("column (\\d+)");

    private final Analyzer analyzer;

    TopicQueries(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** The query, or {@link InvalidQueryException} saying why not. */
    Query parse(String text) throws InvalidQueryException {
        // A QueryParser holds parsing state: one per call keeps this class safe to share.
        QueryParser parser = new QueryParser(TopicAnalyzer.FIELD, analyzer);
        // Phrases for words the analyzer splits ("S-curve", "G&A"); Lucene 9 allows them only when the parser
        // splits on whitespace.
        parser.setSplitOnWhitespace(true);
        parser.setAutoGeneratePhraseQueries(true);
        Query query;
        try {
            query = parser.parse(text);
        } catch (ParseException e) {
            throw syntaxError(e);
        }
        check(query);
        return query;
    }

    private static void check(Query query) throws InvalidQueryException {
        Words words = new Words();
        query.visit(words);
        for (String field : words.fields) {
            if (!field.equals(TopicAnalyzer.FIELD)) {
                throw new InvalidQueryException(0, "unknown field '" + field + "': rules match the turn text;"
                        + " write the words without '" + field + ":'");
            }
        }
        if (words.matchesAll) {
            throw new InvalidQueryException(0, "the query matches every turn");
        }
        Reach reach = new Reach();
        query.visit(reach);
        if (reach.widest != null) {
            throw new InvalidQueryException(0, "the phrase " + reach.widest + " reaches " + reach.positions
                    + " positions, as far as the gap between two sentences (" + TopicAnalyzer.SENTENCE_GAP
                    + "): rules match within a sentence; use a slop below " + (TopicAnalyzer.SENTENCE_GAP
                    - reach.length));
        }
        if (words.mayMatch == 0) {
            throw new InvalidQueryException(0, "the query has no word that may match"
                    + " (only NOT clauses, or no words at all)");
        }
    }

    /**
     * QueryParser wraps the JavaCC error in a message naming the whole query; the cause holds the offending
     * token (a {@link ParseException}) or, for a lexical error such as an unclosed quote, only a message.
     */
    private static InvalidQueryException syntaxError(ParseException wrapper) {
        Throwable cause = wrapper.getCause() == null ? wrapper : wrapper.getCause();
        if (cause instanceof ParseException e && e.currentToken != null && e.currentToken.next != null) {
            Token bad = e.currentToken.next;
            String what = bad.kind == 0 ? "unexpected end of query (an unclosed parenthesis?)"
                    : "unexpected '" + bad.image + "'";
            return new InvalidQueryException(bad.beginColumn + 1, what); // JavaCC counts this column from 0
        }
        String message = String.valueOf(cause.getMessage());
        Matcher column = COLUMN.matcher(message);
        int at = column.find() ? Integer.parseInt(column.group(1)) : 0;
        if (message.contains("<EOF>")) {
            return new InvalidQueryException(at, "unexpected end of query (an unclosed quote, or a trailing \\?)");
        }
        String firstLine = message.lines().findFirst().orElse(message).trim();
        return new InvalidQueryException(at, firstLine);
    }

    /** Fields named anywhere in the query, and how many leaves may match (those outside a NOT). */
    private static final class Words extends QueryVisitor {

        final Set<String> fields = new TreeSet<>();
        boolean matchesAll;
        int mayMatch;

        @Override
        public boolean acceptField(String field) {
            fields.add(field);
            return true;
        }

        @Override
        public void consumeTerms(Query query, Term... terms) {
            mayMatch++;
        }

        @Override
        public void consumeTermsMatching(Query query, String field, Supplier<ByteRunAutomaton> automaton) {
            mayMatch++;
        }

        @Override
        public void visitLeaf(Query query) {
            if (query instanceof MatchAllDocsQuery) {
                matchesAll = true;
            }
        }

        @Override
        public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
            return occur == BooleanClause.Occur.MUST_NOT ? new Negated(this) : this;
        }
    }

    /**
     * The first phrase, under a NOT or not, whose words may lie {@link TopicAnalyzer#SENTENCE_GAP} positions or more
     * apart: its slop plus the distance from its first word to its last (a sentence end inside the quotes counts
     * the gap). The first word of a sentence is at least the gap plus one past the last word of the one before, so
     * a phrase that reaches less cannot join two sentences.
     */
    private static final class Reach extends QueryVisitor {

        Query widest;
        int positions;
        int length;

        @Override
        public void consumeTerms(Query query, Term... terms) {
            int slop;
            int[] at;
            if (query instanceof PhraseQuery phrase) {
                slop = phrase.getSlop();
                at = phrase.getPositions();
            } else if (query instanceof MultiPhraseQuery phrase) {
                slop = phrase.getSlop();
                at = phrase.getPositions();
            } else {
                return;
            }
            int length = at.length == 0 ? 0 : at[at.length - 1] - at[0];
            if (widest == null && (long) slop + length >= TopicAnalyzer.SENTENCE_GAP) {
                widest = query;
                positions = (int) Math.min(Integer.MAX_VALUE, (long) slop + length);
                this.length = length;
            }
        }

        @Override
        public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
            return this;
        }
    }

    /** Under a NOT: fields still count, matches do not. */
    private static final class Negated extends QueryVisitor {

        private final Words words;

        Negated(Words words) {
            this.words = words;
        }

        @Override
        public boolean acceptField(String field) {
            words.fields.add(field);
            return true;
        }

        @Override
        public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
            return this;
        }
    }

    /** A rule query that cannot be used. */
    static final class InvalidQueryException extends Exception {

        private final int column;
        private final String reason;

        InvalidQueryException(int column, String reason) {
            super(column > 0 ? "column " + column + ": " + reason : reason);
            this.column = column;
            this.reason = reason;
        }

        /** The column in the query, counting from 1, or 0 when the error is the whole query's. */
        int column() {
            return column;
        }

        String reason() {
            return reason;
        }
    }
}
