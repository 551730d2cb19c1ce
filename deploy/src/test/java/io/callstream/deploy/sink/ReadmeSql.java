package io.callstream.deploy.sink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.callstream.deploy.testing.ProjectRoot;

/** The ```sql blocks of one section of the project's README, each with the line that introduces it. */
record ReadmeSql(String explanation, String sql) {

    /** The README at the project's root, found from the module Surefire runs in (or any folder below the root). */
    static Path readme() {
        return ProjectRoot.path().resolve("README.md");
    }

    /** The blocks of the section headed {@code ## heading}, up to the next heading of that level. */
    static List<ReadmeSql> ofSection(Path readme, String heading) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        int start = lines.indexOf("## " + heading);
        if (start < 0) {
            throw new IllegalStateException(readme + " has no section '## " + heading + "'");
        }
        List<ReadmeSql> blocks = new ArrayList<>();
        String explanation = null;
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            String line = lines.get(i);
            if (line.strip().equals("```sql")) {
                StringBuilder sql = new StringBuilder();
                for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                    sql.append(lines.get(i)).append('\n');
                }
                blocks.add(new ReadmeSql(explanation, sql.toString().strip()));
                explanation = null;
            } else if (!line.isBlank()) {
                explanation = line.strip();
            }
        }
        return blocks;
    }
}
