package io.callstream.enrich;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.callstream.schemas.registry.server.InProcessSchemaRegistry;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's enrich topologies: one in-process registry for the class, and {@link EnrichDriver}s opened on demand
 * in their own state folders, closed and removed after each test. Register as a static field with
 * {@code @RegisterExtension}.
 */
final class EnrichDrivers implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

    private InProcessSchemaRegistry registry;
    private final List<EnrichDriver> open = new ArrayList<>();
    private final List<Path> stateDirs = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        registry = InProcessSchemaRegistry.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        registry.close();
    }

    /** A topology configured as {@link EnrichSettings} would run it, with these overrides. */
    EnrichDriver open(Map<String, String> overrides) {
        try {
            Path stateDir = Files.createTempDirectory("enrich-test-");
            stateDirs.add(stateDir);
            EnrichDriver driver = new EnrichDriver(registry.url(), stateDir, overrides);
            open.add(driver);
            return driver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        open.forEach(EnrichDriver::close);
        open.clear();
        for (Path dir : stateDirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        stateDirs.clear();
    }
}
