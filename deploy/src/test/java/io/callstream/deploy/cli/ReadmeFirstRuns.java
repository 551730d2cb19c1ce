package io.callstream.deploy.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import io.callstream.deploy.testing.ProjectRoot;

/**
 * The {@code ./callstream} command lines of one of the README's first runs (a {@code ### First run for ...} section,
 * or the quick start), as a user would type them: the words after {@code ./callstream}, without the comment. Tests
 * run these rather than copies of them, so that a README that drifts from the CLI fails the build.
 */
final class ReadmeFirstRuns {

    private static final Pattern COMMENT = Pattern.compile("\\s+#.*$");

    private ReadmeFirstRuns() {
    }

    /** The commands of the ```sh blocks under {@code heading} (a whole heading line), up to the next heading. */
    static List<List<String>> commands(String heading) throws IOException {
        List<String> lines = Files.readAllLines(ProjectRoot.path().resolve("README.md"));
        int start = lines.indexOf(heading);
        if (start < 0) {
            throw new IllegalStateException("README.md has no heading '" + heading + "'");
        }
        List<List<String>> commands = new ArrayList<>();
        boolean inBlock = false;
        for (int i = start + 1; i < lines.size() && (inBlock || !lines.get(i).startsWith("#")); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("```")) {
                inBlock = line.equals("```sh");
            } else if (inBlock && line.startsWith("./callstream ")) {
                String command = COMMENT.matcher(line).replaceFirst("");
                List<String> words = Arrays.asList(command.split("\\s+"));
                commands.add(List.copyOf(words.subList(1, words.size())));
            }
        }
        return commands;
    }

    /**
     * {@code args} with each option's value that names a file or folder below the project's root made absolute: the
     * README's paths are relative to the root, and the tests run in {@code deploy/}. Only values: a command's name
     * may also be a folder's ({@code backtest}).
     */
    static List<String> fromRoot(List<String> args) {
        Path root = ProjectRoot.path();
        List<String> resolved = new ArrayList<>(args);
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (args.get(i - 1).startsWith("--") && !arg.startsWith("-") && !arg.contains("://")
                    && Files.exists(root.resolve(arg))) {
                resolved.set(i, root.resolve(arg).toString());
            }
        }
        return List.copyOf(resolved);
    }
}
