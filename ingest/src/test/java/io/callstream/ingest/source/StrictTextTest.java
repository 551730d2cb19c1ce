package io.callstream.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class StrictTextTest {

    @Test
    void readsUtf8AndDropsAByteOrderMark() {
        assertThat(StrictText.decode("\uFEFFOperator\n“Thanks” – €5".getBytes(StandardCharsets.UTF_8), "f"))
                .isEqualTo("Operator\n“Thanks” – €5");
    }

    @Test
    void refusesInvalidUtf8NamingTheLineInsteadOfReplacingIt() {
        byte[] latin1 = "Operator\nCaf\u00e9 au lait".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> StrictText.decode(latin1, "file calls/x.txt"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("file calls/x.txt is not valid UTF-8 near line 2")
                .hasMessageContaining("convert it to UTF-8");
    }

    @Test
    void refusesALineOverTheLimitNamingIt() {
        String text = "Operator\n\n" + "x".repeat(50) + "\n";

        assertThatThrownBy(() -> StrictText.requireLinesWithin(text, 40, "file big.txt"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("file big.txt line 3 is 50 characters long, over the limit of 40");
        StrictText.requireLinesWithin(text, 50, "file big.txt");
    }

    @Test
    void refusesEmptyAndBinaryInput() {
        assertThatThrownBy(() -> StrictText.decode(new byte[0], "stdin")).hasMessageContaining("stdin is empty");
        assertThatThrownBy(() -> StrictText.decode(new byte[] {'P', 'K', 3, 4, 0, 0}, "file a.zip"))
                .hasMessageContaining("looks binary");
    }
}
