package io.callstream.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code callstream stack} as a user runs it: a separate JVM, read by an outside Kafka client. */
class StackCommandTest {

    @Test
    // A child that never prints must fail the test, not hang the build; a separate thread can be abandoned.
    @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void printsABootstrapAddressThatKcatCanList() throws Exception {
        assumeTrue(runs("kcat", "-V"), "kcat is not installed (apt-get install kcat); .ci/run installs it.");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process stack = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "io.callstream.deploy.Main", "stack").redirectErrorStream(true).start();
        // The reader is not closed here: the drain thread owns it, and it ends when the child's pipe closes.
        BufferedReader out = new BufferedReader(new InputStreamReader(stack.getInputStream(), StandardCharsets.UTF_8));
        try {
            String bootstrap = null;
            String line;
            while (bootstrap == null && (line = out.readLine()) != null) {
                if (line.startsWith("bootstrap servers:")) {
                    bootstrap = line.substring(line.indexOf(':') + 1).strip();
                }
            }
            assertThat(bootstrap).as("the stack printed its bootstrap servers").isNotNull().startsWith("127.0.0.1:");
            Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "stack-output-drain");
            drain.setDaemon(true); // keeps the child from blocking on a full pipe while kcat runs
            drain.start();

            Process kcat = new ProcessBuilder("kcat", "-L", "-b", bootstrap, "-m", "10").redirectErrorStream(true).start();
            String listing = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(kcat.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(kcat.exitValue()).as(listing).isZero();
            assertThat(listing).contains("1 brokers:").contains("topic \"call-events\"").contains("topic \"call-turns\"");
        } finally {
            stack.destroy(); // SIGTERM: the stack's shutdown hook closes the broker
            if (!stack.waitFor(30, TimeUnit.SECONDS)) {
                stack.destroyForcibly();
            }
        }
        assertThat(stack.exitValue()).as("the stack shut down on SIGTERM").isIn(0, 143);
    }

    @Test
    void helpListsEveryCommandWithOneLine() {
        java.io.StringWriter text = new java.io.StringWriter();
        var cli = CallstreamCommand.commandLine();
        cli.setOut(new java.io.PrintWriter(text));
        int exit = cli.execute("--help");
        assertThat(exit).isZero();
        List<String> commandLines = text.toString().lines()
                .dropWhile(l -> !l.startsWith("Commands:")).skip(1).takeWhile(l -> !l.isBlank()).toList();
        assertThat(commandLines).anySatisfy(l -> assertThat(l).startsWith("  demo ").contains("Replay the bundled Tesla"));
        assertThat(commandLines).anySatisfy(l -> assertThat(l).startsWith("  stack ").contains("Run the embedded Kafka"));
        assertThat(commandLines).as("one line per command").allMatch(l -> l.startsWith("  ") && !l.startsWith("   "));
    }

    private static boolean runs(String... command) {
        try {
            return new ProcessBuilder(List.of(command)).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
