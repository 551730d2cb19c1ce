package io.callstream.sink.webhook;

import static io.callstream.sink.testing.SinkRecords.alert;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.callstream.schemas.json.AlertJson;
import org.junit.jupiter.api.Test;

class AlertJsonTest {

    @Test
    void writesTheAlertAsAStableJsonObject() {
        String json = new String(AlertJson.toBytes(alert("call-x", "capital-raise", 3)), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"alertId\":\"call-x/capital-raise/3\",\"callId\":\"call-x\","
                + "\"ruleId\":\"capital-raise\",\"rulesId\":\"default\",\"ruleVersion\":\"2026-11-27.1\","
                + "\"severity\":\"HIGH\",\"title\":\"Capital raise mentioned by an executive\",\"turnIndex\":3,"
                + "\"turnVersion\":2,\"turnStatus\":\"PARTIAL\",\"speaker\":{\"label\":\"Elon Reeve Musk\","
                + "\"name\":\"Elon Musk\",\"affiliation\":\"Tesla, Inc.\",\"role\":\"EXECUTIVE\"},"
                + "\"section\":\"QUESTIONS_AND_ANSWERS\",\"topicIds\":[\"capital-raise\"],"
                + "\"evidence\":[{\"start\":7,\"end\":20,\"text\":\"raise capital\"}],"
                + "\"excerpt\":\"We may  raise capital\\nlater this year.\",\"callOffsetMs\":1385000,"
                + "\"knownAtSeq\":412,\"observedAt\":\"2017-02-22T22:53:05.123Z\",\"emittedAt\":null}");
    }

    @Test
    void isTheSameBytesEveryTime() {
        assertThat(AlertJson.toBytes(alert("call-x", "capital-raise", 3)))
                .isEqualTo(AlertJson.toBytes(alert("call-x", "capital-raise", 3)));
    }
}
