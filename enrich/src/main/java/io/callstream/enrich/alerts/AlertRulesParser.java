package io.callstream.enrich.alerts;

import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.callstream.avro.NumberKind;
import io.callstream.avro.Role;
import io.callstream.avro.Section;
import io.callstream.avro.Severity;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads an alert rules file (YAML) strictly: every mistake stops the load with the file, the line and the reason,
 * so nothing half-loaded reaches the topology. The format:
 * <pre>
 * id: default                      # the rules file's id and version travel on every alert
 * version: "2026-11-27.1"
 * rules:
 *   - id: capital-raise-by-executive
 *     title: Capital raise mentioned by an executive
 *     severity: HIGH                 # INFO, LOW, MEDIUM, HIGH
 *     once: per-turn                 # or per-call (default per-turn)
 *     when:                          # every condition given must hold
 *       topics: [capital-raise]      # one of these topic ids (checked against the taxonomies)
 *       roles: [EXECUTIVE]           # OPERATOR, EXECUTIVE, ANALYST, UNKNOWN
 *       sections: [QUESTIONS_AND_ANSWERS]
 *       numbers: true                # a number is mentioned ...
 *       numberKinds: [MONEY]         # ... of these kinds
 *       forwardLooking: true
 *       firstMention: true           # first turn of the call with one of the topics
 *       declined: true               # an answer that declines to give the information
 *       phrases: ["raise capital"]   # whole words, any case
 * </pre>
 * Unknown keys are errors (a misspelt condition must not silently match everything).
 */
public final class AlertRulesParser {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Set<String> FILE_KEYS = Set.of("id", "version", "rules");
    private static final Set<String> RULE_KEYS = Set.of("id", "title", "severity", "once", "when");
    private static final Set<String> CONDITION_KEYS = Set.of("topics", "roles", "sections", "numbers", "numberKinds",
            "forwardLooking", "firstMention", "declined", "phrases");

    private final String source;
    private final Set<String> knownTopicIds;

    private AlertRulesParser(String source, Set<String> knownTopicIds) {
        this.source = source;
        this.knownTopicIds = Set.copyOf(knownTopicIds);
    }

    /** Parses {@code in}; topic ids in conditions must be among {@code knownTopicIds}. */
    public static AlertRules parse(String source, Reader in, Set<String> knownTopicIds) {
        return new AlertRulesParser(source, knownTopicIds).parse(in);
    }

    private AlertRules parse(Reader in) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(in);
        } catch (MarkedYAMLException e) {
            throw new RulesFileException(source, e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1,
                    "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new RulesFileException(source, 0, "not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw new RulesFileException(source, 1, "the file is empty; it needs id, version and rules");
        }
        Map<String, Node> file = mapping(root, FILE_KEYS, "the file");
        String id = id(require(file, "id", root), "the file's id");
        String version = scalar(require(file, "version", root), "version");
        Node rulesNode = require(file, "rules", root);
        if (!(rulesNode instanceof SequenceNode list) || list.getValue().isEmpty()) {
            throw error(rulesNode, "rules must be a non-empty list of rules");
        }
        List<AlertRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Node ruleNode : list.getValue()) {
            AlertRule rule = rule(ruleNode);
            if (!ids.add(rule.id())) {
                throw error(ruleNode, "duplicate rule id '" + rule.id() + "'");
            }
            rules.add(rule);
        }
        return new AlertRules(id, version, source, rules);
    }

    private AlertRule rule(Node node) {
        Map<String, Node> rule = mapping(node, RULE_KEYS, "a rule");
        String id = id(require(rule, "id", node), "a rule's id");
        String title = scalar(require(rule, "title", node), "title");
        Severity severity = symbol(require(rule, "severity", node), "severity", Severity::valueOf, Severity.values());
        AlertRule.Once once = rule.containsKey("once")
                ? symbol(rule.get("once"), "once", s -> AlertRule.Once.valueOf(s.replace('-', '_')), AlertRule.Once.values())
                : AlertRule.Once.PER_TURN;
        return new AlertRule(id, title, severity, condition(require(rule, "when", node)), once, line(node));
    }

    private AlertCondition condition(Node node) {
        Map<String, Node> when = mapping(node, CONDITION_KEYS, "when");
        if (when.isEmpty()) {
            throw error(node, "when needs at least one condition");
        }
        Set<String> topics = new TreeSet<>();
        if (when.containsKey("topics")) {
            for (Node topic : sequence(when.get("topics"), "topics")) {
                String topicId = scalar(topic, "a topic id");
                if (!knownTopicIds.contains(topicId)) {
                    throw error(topic, "unknown topic id '" + topicId + "'; the loaded taxonomies have "
                            + new TreeSet<>(knownTopicIds));
                }
                topics.add(topicId);
            }
        }
        boolean firstMention = when.containsKey("firstMention") && flag(when.get("firstMention"), "firstMention");
        if (firstMention && topics.isEmpty()) {
            throw error(when.get("firstMention"), "firstMention needs topics: the first mention of what?");
        }
        List<Pattern> phrases = new ArrayList<>();
        if (when.containsKey("phrases")) {
            for (Node phrase : sequence(when.get("phrases"), "phrases")) {
                String text = scalar(phrase, "a phrase");
                if (text.isBlank()) {
                    throw error(phrase, "a phrase must not be blank");
                }
                phrases.add(AlertCondition.phrase(text));
            }
        }
        return new AlertCondition(topics,
                symbols(when.get("roles"), "roles", Role::valueOf, Role.values()),
                symbols(when.get("sections"), "sections", Section::valueOf, Section.values()),
                when.containsKey("numbers") ? flag(when.get("numbers"), "numbers") : null,
                symbols(when.get("numberKinds"), "numberKinds", NumberKind::valueOf, NumberKind.values()),
                when.containsKey("forwardLooking") ? flag(when.get("forwardLooking"), "forwardLooking") : null,
                firstMention,
                when.containsKey("declined") ? flag(when.get("declined"), "declined") : null,
                phrases);
    }

    private Map<String, Node> mapping(Node node, Set<String> allowed, String what) {
        if (!(node instanceof MappingNode map)) {
            throw error(node, what + " must be a mapping of keys to values");
        }
        Map<String, Node> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            String key = scalar(tuple.getKeyNode(), "a key");
            if (!allowed.contains(key)) {
                throw error(tuple.getKeyNode(), "unknown key '" + key + "' in " + what + "; expected one of "
                        + new TreeSet<>(allowed));
            }
            entries.put(key, tuple.getValueNode());
        }
        return entries;
    }

    private Node require(Map<String, Node> map, String key, Node parent) {
        Node value = map.get(key);
        if (value == null) {
            throw error(parent, "missing '" + key + "'");
        }
        return value;
    }

    private List<Node> sequence(Node node, String what) {
        if (!(node instanceof SequenceNode list)) {
            throw error(node, what + " must be a list, e.g. [a, b]");
        }
        return list.getValue();
    }

    private String scalar(Node node, String what) {
        if (!(node instanceof ScalarNode scalar)) {
            throw error(node, what + " must be a single value");
        }
        return scalar.getValue();
    }

    private String id(Node node, String what) {
        String id = scalar(node, what);
        if (!ID.matcher(id).matches()) {
            throw error(node, what + " '" + id + "' must be lower-case letters, digits, '.', '_' or '-'");
        }
        return id;
    }

    private boolean flag(Node node, String what) {
        String value = scalar(node, what).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(node, what + " must be true or false, not '" + value + "'");
        };
    }

    private <E extends Enum<E>> E symbol(Node node, String what, Function<String, E> valueOf, E[] values) {
        String value = scalar(node, what);
        try {
            return valueOf.apply(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw error(node, what + " '" + value + "' is not one of " + List.of(values));
        }
    }

    private <E extends Enum<E>> Set<E> symbols(Node node, String what, Function<String, E> valueOf, E[] values) {
        Set<E> symbols = new HashSet<>();
        if (node != null) {
            for (Node item : sequence(node, what)) {
                symbols.add(symbol(item, what, valueOf, values));
            }
        }
        return symbols;
    }

    private RulesFileException error(Node node, String reason) {
        return new RulesFileException(source, line(node), reason);
    }

    private static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
