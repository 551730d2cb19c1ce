package io.callstream.sink.webhook;

import static io.callstream.sink.testing.SinkRecords.alert;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ConsoleAlertSinkTest {

    @Test
    void printsOneLineWithSeverityRuleCallTurnAndExcerpt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        new ConsoleAlertSink(out).accept(alert("call-x", "capital-raise", 3));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
                "[HIGH] capital-raise call=call-x turn=3 @ 23:05 \"We may raise capital later this year.\""
                        + System.lineSeparator());
    }
}
