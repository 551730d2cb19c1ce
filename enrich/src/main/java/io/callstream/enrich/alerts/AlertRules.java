package io.callstream.enrich.alerts;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * A loaded rules file: its id and version (carried by every alert) and its rules, in file order.
 *
 * @param source where it was loaded from, for messages
 */
public record AlertRules(String id, String version, String source, List<AlertRule> rules) {

    /** The rules the demo runs with: capital raise, management change, guidance with a number, declined answer. */
    public static final String DEFAULT_RESOURCE = "/io/callstream/enrich/alerts/default.rules.yaml";

    public AlertRules {
        rules = List.copyOf(rules);
    }

    /** The default rules, checked against the topic ids of the taxonomies they will run with. */
    public static AlertRules defaults(Set<String> knownTopicIds) {
        try (InputStream in = AlertRules.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The default alert rules are missing from the jar: " + DEFAULT_RESOURCE);
            }
            return AlertRulesParser.parse("default.rules.yaml",
                    new InputStreamReader(in, StandardCharsets.UTF_8), knownTopicIds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AlertRules load(Path file, Set<String> knownTopicIds) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return AlertRulesParser.parse(file.toString(), in, knownTopicIds);
        } catch (IOException e) {
            throw new RulesFileException(file.toString(), 0, "cannot be read: " + e.getMessage());
        }
    }
}
