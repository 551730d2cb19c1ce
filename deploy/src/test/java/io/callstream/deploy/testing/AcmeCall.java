package io.callstream.deploy.testing;

/** A tiny fictional call in the Earnings-21 timed-text layout, for tests of the file commands. */
public final class AcmeCall {

    public static final String TIMED_TEXT = """
            Acme Corp Q3 earnings call - test fixture

            Speaker 1
            (00:03) Good morning and welcome to the Acme third quarter call.

            Jane Roe
            (00:10) Thank you. Revenue grew 12% to $2 billion.
            (00:20) We expect margins to improve by the end of this year.

            Speaker 1
            (00:31) Our first question comes from the line of John Doe with Big Bank.
            """;

    private AcmeCall() {
    }
}
