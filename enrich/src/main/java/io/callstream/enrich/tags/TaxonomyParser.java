package io.callstream.enrich.tags;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a taxonomy file into a checked {@link Taxonomy}, or throws a {@link TaxonomyException} naming the file,
 * the line and the reason. Every query is parsed here with the tagger's analyzer, so a file that loads is a file
 * the tagger can run.
 *
 * <p>The format is line-oriented, one {@code key: value} per line; blank lines and lines starting with {@code #}
 * are ignored (there are no comments after a value). A header, then topics:
 * <pre>
 * taxonomy: general            the id: lower-case letters, digits, single hyphens
 * version: 2026-11-27.1        letters, digits, '.', '_', '-'
 * ticker: TSLA                 optional: only calls of this ticker (upper case) get these topics
 * companies: Tesla | Tesla Motors   optional, with a ticker: a call with no ticker whose company is one of these
 *                              names gets the topics too
 *
 * topic: capital-raise         starts a topic; id as above, unique in the file
 * label: Capital raise         exactly one per topic
 * description: raising equity or debt   optional, one line for people
 * query: "raise capital"~3     any number per topic, OR-ed; Lucene classic query syntax (see TopicQueries)
 * example: We may need to raise equity next year.   any number: a sentence close in meaning tags the turn
 * similarity: 0.6              optional: how close (cosine, 0..1; default 0.6)
 * </pre>
 * A topic needs a query or an example.
 */
public final class TaxonomyParser {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern TICKER = Pattern.compile("[A-Z0-9][A-Z0-9.-]{0,14}");
    private static final Pattern COMPANIES = Pattern.compile("[^|]*\\p{L}[^|]*(?:\\|[^|]*\\p{L}[^|]*)*");
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final List<String> KEYS = List.of("taxonomy", "version", "ticker", "companies", "topic",
            "label", "query", "description", "example", "similarity");

    private final TopicQueries queries = new TopicQueries(new TopicAnalyzer());

    /** A taxonomy file; errors name it by its file name. */
    public Taxonomy parse(Path file) throws IOException {
        return parse(decode(Files.readAllBytes(file), file.getFileName().toString()), file.getFileName().toString());
    }

    /** A taxonomy on the classpath ({@code /io/callstream/enrich/tags/general.taxonomy}). */
    public Taxonomy parseResource(String resource) {
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        try (InputStream in = TaxonomyParser.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("taxonomy missing from the classpath: " + resource);
            }
            return parse(decode(in.readAllBytes(), name), name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read taxonomy " + resource, e);
        }
    }

    /** A taxonomy's text; {@code source} names it in errors. */
    public Taxonomy parse(Reader reader, String source) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(reader)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        }
        return new FileReader(source, lines).read();
    }

    private Taxonomy parse(String text, String source) {
        try {
            return parse(new StringReader(text), source);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
    }

    /** Strict UTF-8: a bad byte is an error at its line, never a replacement character in a rule. */
    private static String decode(byte[] bytes, String source) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new TaxonomyException(source, line, "not valid UTF-8 (byte " + in.position() + ")");
        }
    }

    /** The state of reading one file. */
    private final class FileReader {

        private final String source;
        private final List<String> lines;
        private final Map<String, Integer> headerLines = new HashMap<>();
        private final Map<String, Integer> topicLines = new HashMap<>();
        private final List<TopicRule> topics = new ArrayList<>();
        private String id;
        private String version;
        private String ticker;
        private List<String> companies = List.of();
        private TopicDraft topic;

        FileReader(String source, List<String> lines) {
            this.source = source;
            this.lines = lines;
        }

        Taxonomy read() {
            for (int i = 0; i < lines.size(); i++) {
                readLine(i + 1, lines.get(i));
            }
            closeTopic();
            int headerEnd = topics.isEmpty() ? Math.max(1, lines.size()) : topics.get(0).line();
            if (id == null) {
                throw error(headerEnd, "no 'taxonomy: <id>' line before the first topic");
            }
            if (version == null) {
                throw error(headerEnd, "no 'version: <version>' line before the first topic");
            }
            if (topics.isEmpty()) {
                throw error(headerEnd, "no topics: start one with 'topic: <id>'");
            }
            if (!companies.isEmpty() && ticker == null) {
                throw error(headerLines.get("companies"), "'companies:' names a watchlist's company: give its "
                        + "'ticker:' too");
            }
            return new Taxonomy(id, version, ticker, companies, topics, source, headerLines.get("taxonomy"));
        }

        private void readLine(int number, String raw) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                return;
            }
            int colon = line.indexOf(':');
            if (colon < 0 || !KEY.matcher(line.substring(0, colon).strip()).matches()) {
                throw error(number, "expected 'key: value', found '" + abbreviate(line) + "'");
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (!KEYS.contains(key)) {
                throw error(number, "unknown key '" + key + "' (known: " + String.join(", ", KEYS) + ")");
            }
            if (value.isEmpty()) {
                throw error(number, "'" + key + ":' has no value");
            }
            switch (key) {
                case "taxonomy" -> id = header(number, key, value, ID,
                        "lower-case letters, digits and single hyphens ('general')");
                case "version" -> version = header(number, key, value, VERSION,
                        "letters, digits, '.', '_' and '-' ('2026-11-27.1')");
                case "ticker" -> ticker = header(number, key, value, TICKER, "upper case ('TSLA')");
                case "companies" -> companies = List.of(header(number, key, value, COMPANIES,
                        "names separated by '|' ('Tesla | Tesla Motors')").split("\\s*\\|\\s*"));
                case "topic" -> openTopic(number, value);
                case "label" -> label(number, value);
                case "query" -> query(number, valueColumn(raw), value);
                case "description" -> description(number, value);
                case "example" -> inTopic(number, "example").examples.add(value);
                case "similarity" -> similarity(number, value);
                default -> throw new IllegalStateException(key);
            }
        }

        private String header(int number, String key, String value, Pattern syntax, String expected) {
            if (topic != null || !topics.isEmpty()) {
                throw error(number, "'" + key + ":' belongs in the header, before the first topic");
            }
            Integer first = headerLines.putIfAbsent(key, number);
            if (first != null) {
                throw error(number, "a second '" + key + ":' (the first is at line " + first + ")");
            }
            if (!syntax.matcher(value).matches()) {
                throw error(number, "bad " + key + " '" + value + "': use " + expected);
            }
            return value;
        }

        private void openTopic(int number, String value) {
            closeTopic();
            if (!ID.matcher(value).matches()) {
                throw error(number, "bad topic id '" + value
                        + "': use lower-case letters, digits and single hyphens ('capital-raise')");
            }
            Integer first = topicLines.putIfAbsent(value, number);
            if (first != null) {
                throw error(number, "duplicate topic id '" + value + "' (first at line " + first + ")");
            }
            topic = new TopicDraft(value, number);
        }

        private void label(int number, String value) {
            TopicDraft current = inTopic(number, "label");
            if (current.label != null) {
                throw error(number, "a second label for topic '" + current.id + "' (the first is at line "
                        + current.labelLine + ")");
            }
            current.label = value;
            current.labelLine = number;
        }

        private void query(int number, int valueColumn, String value) {
            TopicDraft current = inTopic(number, "query");
            try {
                queries.parse(value);
            } catch (TopicQueries.InvalidQueryException e) {
                String where = e.column() > 0 ? " at column " + (valueColumn + e.column() - 1) : "";
                throw error(number, "invalid query" + where + ": " + e.reason());
            }
            current.queries.add(new TopicRule.QueryLine(number, value));
        }

        private void description(int number, String value) {
            TopicDraft current = inTopic(number, "description");
            if (current.description != null) {
                throw error(number, "a second description for topic '" + current.id + "'");
            }
            current.description = value;
        }

        private void similarity(int number, String value) {
            TopicDraft current = inTopic(number, "similarity");
            double similarity;
            try {
                similarity = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                similarity = Double.NaN;
            }
            if (!(similarity > 0 && similarity < 1)) {
                throw error(number, "bad similarity '" + value + "': a number between 0 and 1, such as 0.6");
            }
            current.similarity = similarity;
        }

        private TopicDraft inTopic(int number, String key) {
            if (topic == null) {
                throw error(number, "'" + key + ":' outside a topic: start one with 'topic: <id>'");
            }
            return topic;
        }

        private void closeTopic() {
            if (topic == null) {
                return;
            }
            if (topic.label == null) {
                throw error(topic.line, "topic '" + topic.id + "' has no label");
            }
            if (topic.queries.isEmpty() && topic.examples.isEmpty()) {
                throw error(topic.line, "topic '" + topic.id + "' has neither a query nor an example");
            }
            topics.add(new TopicRule(topic.id, topic.label, topic.line, topic.queries, topic.description,
                    topic.examples, topic.similarity));
            topic = null;
        }

        private TaxonomyException error(int number, String reason) {
            return new TaxonomyException(source, number, reason);
        }
    }

    /** The column (from 1) where the value starts on its line: after the colon and any blanks. */
    private static int valueColumn(String raw) {
        int at = raw.indexOf(':') + 1;
        while (at < raw.length() && Character.isWhitespace(raw.charAt(at))) {
            at++;
        }
        return at + 1;
    }

    private static String abbreviate(String line) {
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }

    /** A topic being read: what {@link TopicRule} will hold once the topic ends. */
    private static final class TopicDraft {

        final String id;
        final int line;
        final List<TopicRule.QueryLine> queries = new ArrayList<>();
        final List<String> examples = new ArrayList<>();
        String label;
        int labelLine;
        String description;
        double similarity = TopicRule.DEFAULT_SIMILARITY;

        TopicDraft(String id, int line) {
            this.id = id;
            this.line = line;
        }
    }
}
