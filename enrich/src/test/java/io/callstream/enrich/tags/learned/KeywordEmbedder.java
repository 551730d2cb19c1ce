package io.callstream.enrich.tags.learned;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A stand-in embedder for unit tests: one dimension per keyword, so a sentence's vector says which it holds. */
final class KeywordEmbedder implements SentenceEmbedder {

    private final List<String> keywords;
    final List<String> embedded = new ArrayList<>();

    KeywordEmbedder(String... keywords) {
        this.keywords = List.of(keywords);
    }

    @Override
    public String id() {
        return "keywords/" + keywords;
    }

    @Override
    public float[] embed(String sentence) {
        embedded.add(sentence);
        float[] vector = new float[keywords.size() + 1];
        vector[keywords.size()] = 0.1f; // no sentence is the zero vector
        for (int k = 0; k < keywords.size(); k++) {
            if (sentence.toLowerCase(Locale.ROOT).contains(keywords.get(k))) {
                vector[k] = 1;
            }
        }
        return Vectors.unit(vector);
    }
}
