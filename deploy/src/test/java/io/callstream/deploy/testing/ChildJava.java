package io.callstream.deploy.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The start of a command that runs the project's code in a JVM of its own, on this test's classpath: a process a
 * test kills as a crash would, or a command run as its own process. The child is told the quick compiler alone and a
 * collector without threads of its own: the suites start many children on two cores, each for seconds, where the
 * optimising compiler's threads only take CPU from the others. Nor does it verify the bytecode of the classes it loads
 * (the build's own and its dependencies'): a child lives mostly to start, and verifying was a tenth of the CPU of
 * starting the demo's stack.
 */
public final class ChildJava {

    private ChildJava() {
    }

    /** {@code java}, the shared options, {@code jvmOptions}, then {@code -cp} and this classpath: add a main class. */
    public static List<String> command(String... jvmOptions) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:+UnlockDiagnosticVMOptions",
                "-XX:-BytecodeVerificationRemote"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        return command;
    }

    /**
     * {@code callstream ARGS} in a JVM of its own: {@link #command} with the CLI's main class and {@code args}, and no
     * system property the launcher does not give either.
     */
    public static List<String> callstream(String... args) {
        List<String> command = command();
        command.add("io.callstream.deploy.Main");
        command.addAll(List.of(args));
        return command;
    }
}
