package io.callstream.enrich.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Short random texts over a small alphabet, for checking a hand-written scan against the regex it stands for. */
final class RandomTexts {

    private RandomTexts() {
    }

    /** {@code count} texts of up to {@code longest - 1} characters of {@code alphabet}, the same for the same seed. */
    static List<String> of(long seed, String alphabet, int count, int longest) {
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(longest); k > 0; k--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(text.toString());
        }
        return texts;
    }
}
