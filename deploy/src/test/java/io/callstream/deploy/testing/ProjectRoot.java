package io.callstream.deploy.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's root (README.md beside deploy/), found from the module Surefire runs in or any folder below it. */
public final class ProjectRoot {

    private ProjectRoot() {
    }

    public static Path path() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isRegularFile(dir.resolve("deploy/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no README.md beside deploy/ above " + Path.of("").toAbsolutePath());
    }
}
