package io.callstream.sink.export;

/** A value that is JSON text as the store holds it, kept apart from plain text so JSON Lines can nest it. */
public record JsonText(String json) {
}
