package io.callstream.ingest.canonical;

/**
 * Where in a record a value sits ({@code payload.TranscriptLine.flags[2]}), so an error names the very field.
 * A chain of small immutable links: cheap to extend while decoding, rendered only when an error needs it.
 */
record FieldPath(FieldPath parent, String segment) {

    static final FieldPath ROOT = new FieldPath(null, "");

    FieldPath field(String name) {
        return new FieldPath(this, name);
    }

    FieldPath index(int i) {
        return new FieldPath(this, "[" + i + "]");
    }

    boolean isRoot() {
        return parent == null;
    }

    @Override
    public String toString() {
        if (isRoot()) {
            return "";
        }
        String head = parent.toString();
        if (head.isEmpty() || segment.startsWith("[")) {
            return head + segment;
        }
        return head + "." + segment;
    }
}
