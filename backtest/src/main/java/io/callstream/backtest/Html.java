package io.callstream.backtest;

/**
 * Text made safe for the report page, in element content and in quoted attributes alike. Transcripts hold
 * {@code &}, {@code <} and quotes ("AT&T", "Q&A", "<inaudible>") and a file could hold markup: nothing of theirs
 * may become markup. Control characters that XML forbids are dropped, so the page also reads as XHTML.
 */
final class Html {

    private Html() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
