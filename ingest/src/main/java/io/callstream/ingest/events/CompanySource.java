package io.callstream.ingest.events;

/**
 * Where a call's company was read, as {@code CallStarted.companySource} carries it, strongest first. Readers of the
 * call's roles trust a company from any of these but {@link #FILE_NAME}, which names the input, not the company.
 */
public final class CompanySource {

    public static final String FLAG = "flag";
    public static final String MANIFEST = "manifest";
    public static final String TITLE = "title";
    public static final String AFFILIATIONS = "affiliations";
    public static final String WELCOME = "welcome";
    public static final String FILE_NAME = "file-name";

    private CompanySource() {
    }
}
