package io.callstream.deploy.torture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.callstream.deploy.testing.ChildJava;

/**
 * A JVM of its own running one main class of the project (a Kafka node, an enrich or sink instance), with this
 * test's classpath, so that a fault can kill it as a crash would: {@link #kill()} is SIGKILL (no shutdown hook, no
 * flush), {@link #stop()} is SIGTERM. Its output is appended to {@code <name>.log} across restarts.
 */
final class ChildJvm implements AutoCloseable {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;
    private int starts;

    ChildJvm(String name, String heap, String mainClass, List<String> args, Map<String, String> environment,
             Path logDir) {
        this.name = name;
        this.environment = environment;
        this.log = logDir.resolve(name + ".log");
        List<String> cmd = ChildJava.command("-Xmx" + heap,
                "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.callstream.avro,io.callstream.avro.state");
        cmd.add(mainClass);
        cmd.addAll(args);
        this.command = List.copyOf(cmd);
    }

    String name() {
        return name;
    }

    synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        starts++;
        Files.writeString(log, startMarker(starts) + "\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    /** SIGKILL, as kill -9: the process gets no chance to flush, commit or leave its group. */
    synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM: the process's shutdown hook runs (a clean stop). */
    synchronized void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    /** Whether the process started last has printed a line holding {@code text}. */
    boolean printedSinceStart(String text) {
        String marker;
        synchronized (this) {
            marker = startMarker(starts);
        }
        try {
            String all = Files.readString(log, StandardCharsets.ISO_8859_1); // any bytes: the text sought is ASCII
            int at = all.lastIndexOf(marker);
            return at >= 0 && all.indexOf(text, at) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** The line its log gets before the output of its {@code n}th start. */
    private static String startMarker(int n) {
        return "=== start " + n + " ===";
    }

    /** The last lines of its log, for a failure message. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
