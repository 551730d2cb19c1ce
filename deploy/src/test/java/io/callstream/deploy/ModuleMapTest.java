package io.callstream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.callstream.deploy.testing.ProjectRoot;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md's module map against the code: a newcomer reads the table to find where a thing lives, so every
 * package of every module is in it under its module, and nothing else is; and the stages stay apart, as the
 * paragraph under the table says.
 */
class ModuleMapTest {

    private static final List<String> MODULES = List.of("schemas", "ingest", "enrich", "sink", "dashboard", "backtest",
            "deploy", "bench");
    /** The modules that must stand alone: the contracts, the stages, and the dashboard, which only reads topics. */
    private static final List<String> STANDALONE = List.of("schemas", "ingest", "enrich", "sink", "dashboard");
    private static final Pattern ROW = Pattern.compile("^\\| (?:`([a-z]+)`)? ?\\| (`io\\.callstream[^|]*)\\|");
    private static final Pattern PACKAGE_CELL = Pattern.compile("`(\\.?[a-z.]+)`");
    /** A reference to a class of another module's package, imported or written out in full. */
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.callstream\\.([a-z]+)\\.");
    private static final Pattern NAMESPACE = Pattern.compile("\"namespace\"\\s*:\\s*\"([a-z.]+)\"");
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);

    private final Path root = ProjectRoot.path();

    @Test
    void theMapListsEveryPackageOfEveryModuleAndNoOther() throws IOException {
        Map<String, Set<String>> mapped = new TreeMap<>();
        String module = null;
        for (String line : section()) {
            Matcher row = ROW.matcher(line);
            if (!row.find()) {
                continue;
            }
            if (row.group(1) != null) {
                module = row.group(1);
            }
            // "`io.callstream.sink`, `.jdbc`": a cell may name a package and its subpackages after it.
            String first = null;
            Matcher cell = PACKAGE_CELL.matcher(row.group(2));
            while (cell.find()) {
                String name = cell.group(1);
                String pkg = name.startsWith(".") ? first + name : name;
                first = first == null ? pkg : first;
                mapped.computeIfAbsent(module, m -> new TreeSet<>()).add(pkg);
            }
        }
        Map<String, Set<String>> actual = new TreeMap<>();
        for (String m : MODULES) {
            actual.put(m, packagesOf(m));
        }
        assertThat(mapped).as("docs/architecture.md, '## Modules and packages', against src/main of each module")
                .isEqualTo(actual);
    }

    @Test
    void noStageReferencesAnotherStageOrDeploy() throws IOException {
        List<String> crossings = new ArrayList<>();
        for (String stage : STANDALONE) {
            for (Path file : javaFiles(root.resolve(stage).resolve("src/main/java"))) {
                for (String line : Files.readAllLines(file)) {
                    Matcher referenced = REFERENCE.matcher(line.startsWith("package ") ? "" : line);
                    while (referenced.find()) {
                        if (forbidden(stage).contains(referenced.group(1))) {
                            crossings.add(root.relativize(file) + ": " + line.strip());
                        }
                    }
                }
            }
        }
        assertThat(crossings).as("what one stage needs from another travels on a topic").isEmpty();
    }

    @Test
    void noStageBuildsOnAnotherStageOutsideItsTests() throws IOException {
        List<String> crossings = new ArrayList<>();
        for (String stage : STANDALONE) {
            String pom = Files.readString(root.resolve(stage).resolve("pom.xml"));
            Matcher dependency = DEPENDENCY.matcher(pom);
            while (dependency.find()) {
                String block = dependency.group(1);
                for (String other : forbidden(stage)) {
                    if (block.contains("<artifactId>callstream-" + other + "</artifactId>")
                            && !block.contains("<scope>test</scope>")) {
                        crossings.add(stage + "/pom.xml depends on callstream-" + other);
                    }
                }
            }
        }
        assertThat(crossings).isEmpty();
    }

    /** What a module that stands alone may not build on: every module but the contracts and itself. */
    private static List<String> forbidden(String module) {
        return MODULES.stream().filter(m -> !m.equals("schemas") && !m.equals(module)).toList();
    }

    private List<String> section() throws IOException {
        List<String> lines = Files.readAllLines(root.resolve("docs/architecture.md"));
        int start = lines.indexOf("## Modules and packages");
        assertThat(start).as("docs/architecture.md has '## Modules and packages'").isNotNegative();
        List<String> section = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            section.add(lines.get(i));
        }
        return section;
    }

    /** The packages of a module's main code, the Avro classes generated from its schemas among them. */
    private Set<String> packagesOf(String module) throws IOException {
        Set<String> packages = new TreeSet<>();
        Path sources = root.resolve(module).resolve("src/main/java");
        for (Path file : javaFiles(sources)) {
            packages.add(sources.relativize(file.getParent()).toString().replace('/', '.'));
        }
        Path avro = root.resolve(module).resolve("src/main/avro");
        if (Files.isDirectory(avro)) {
            try (Stream<Path> files = Files.walk(avro)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).toList()) {
                    Matcher namespace = NAMESPACE.matcher(Files.readString(file));
                    if (namespace.find()) {
                        packages.add(namespace.group(1));
                    }
                }
            }
        }
        return packages;
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }
}
