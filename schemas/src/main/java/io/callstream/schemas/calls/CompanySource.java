package io.callstream.schemas.calls;

import io.callstream.avro.CallStarted;

/**
 * Where a call's company was read, as {@code CallStarted.companySource} carries it, strongest first; one vocabulary
 * for the stage that writes it (ingest) and those that read it (enrich). A company from any of these but
 * {@link #FILE_NAME} is evidence of who speaks for it: the input's name is not.
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

    /** The call's company where it is evidence of who speaks for it, else null (it is only the input's name). */
    public static String evidentCompany(CallStarted started) {
        return FILE_NAME.equals(started.getCompanySource()) ? null : started.getCompany();
    }
}
