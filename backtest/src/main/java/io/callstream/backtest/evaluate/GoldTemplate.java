package io.callstream.backtest.evaluate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.avro.EnrichedTurn;

/**
 * A gold file to label by hand ({@link GoldSet}'s layout): every FINAL turn of a call with its speaker and text and
 * no topics, so that whoever labels reads exactly the turns that will be scored, and not the tags the rules gave.
 */
public final class GoldTemplate {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldTemplate() {
    }

    /** @param finals the call's FINAL turns in order, turn indexes from 0 */
    public static void write(Path file, List<EnrichedTurn> finals) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (EnrichedTurn turn : finals) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("turnIndex", turn.getTurn().getTurnIndex());
                line.put("speaker", turn.getTurn().getSpeaker().getLabel());
                line.put("text", turn.getTurn().getText());
                line.put("topics", List.of());
                out.write(JSON.writeValueAsString(line));
                out.newLine();
            }
        }
    }
}
