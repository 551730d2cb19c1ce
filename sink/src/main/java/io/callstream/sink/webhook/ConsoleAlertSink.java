package io.callstream.sink.webhook;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.function.Consumer;

import io.callstream.avro.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Alerts for people watching: one line each on a stream (the console) and in the log. */
public final class ConsoleAlertSink implements Consumer<Alert> {

    private static final Logger log = LoggerFactory.getLogger(ConsoleAlertSink.class);

    private final PrintWriter out;

    public ConsoleAlertSink(PrintStream out) {
        this(new PrintWriter(out, true));
    }

    /** For a command, whose console is its picocli writer. */
    public ConsoleAlertSink(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void accept(Alert alert) {
        String line = line(alert);
        out.println(line);
        out.flush();
        log.info("Alert {}", line);
    }

    /** {@code [HIGH] capital-raise-by-executive call=tsla-2016-q4 turn=12 @ 23:05 "We may raise capital..."}. */
    public static String line(Alert alert) {
        long seconds = alert.getCallOffsetMs() / 1000;
        return String.format("[%s] %s call=%s turn=%d @ %d:%02d \"%s\"", alert.getSeverity(), alert.getRuleId(),
                alert.getCallId(), alert.getTurnIndex(), seconds / 60, seconds % 60,
                alert.getExcerpt().replaceAll("\\s+", " ").strip());
    }
}
