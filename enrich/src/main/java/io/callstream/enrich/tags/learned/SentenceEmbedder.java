package io.callstream.enrich.tags.learned;

/**
 * Turns a sentence into a vector that places sentences of like meaning close together, the input of the learned topic
 * tier. One sentence at a time, never in batches: a batch pads its sentences to one length, and the same sentence
 * must give the same vector live, in a backtest and in training, or a score near the threshold could tag differently.
 */
public interface SentenceEmbedder {

    /** Names the model and its version; a topic model is trained for one embedder and refuses another. */
    String id();

    /** The vector of {@code sentence}, unit length. */
    float[] embed(String sentence);
}
