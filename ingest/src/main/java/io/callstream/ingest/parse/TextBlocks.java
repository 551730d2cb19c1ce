package io.callstream.ingest.parse;

import java.util.ArrayList;
import java.util.List;

/** Splits text into blocks of consecutive non-blank lines, the unit of blank-line separated layouts. */
final class TextBlocks {

    /** One block: its lines joined by single spaces, how many source lines it had, and the first one's number. */
    record Block(String text, int lineCount, int firstLine) {
    }

    private TextBlocks() {
    }

    static List<Block> split(String text) {
        List<Block> blocks = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        // A byte-order mark would otherwise glue itself to the first word.
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] split = LineBreaks.split(body);
        for (int i = 0; i < split.length; i++) {
            if (split[i].isBlank()) {
                flush(lines, i + 1, blocks);
            } else {
                lines.add(split[i].strip());
            }
        }
        flush(lines, split.length + 1, blocks);
        return blocks;
    }

    /** @param next the number of the line after the block */
    private static void flush(List<String> lines, int next, List<Block> blocks) {
        if (!lines.isEmpty()) {
            blocks.add(new Block(String.join(" ", lines), lines.size(), next - lines.size()));
            lines.clear();
        }
    }
}
