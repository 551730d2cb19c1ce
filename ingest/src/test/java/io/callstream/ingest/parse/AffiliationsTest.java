package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AffiliationsTest {

    @Test
    void takesAFirmForTheOrganisationItNames() {
        assertThat(Affiliations.organisation("Tesla, Inc.")).contains("Tesla, Inc.");
        assertThat(Affiliations.organisation("Deutsche Bank Securities, Inc.")).contains("Deutsche Bank Securities, Inc.");
    }

    @Test
    void takesTheFirmOutOfAFirmAndATitle() {
        assertThat(Affiliations.organisation("Tesla Inc - CEO")).contains("Tesla Inc");
        assertThat(Affiliations.organisation("Halvorsen Energy -- Head of Grid Services")).contains("Halvorsen Energy");
    }

    @Test
    void findsNoOrganisationInAJobTitle() {
        assertThat(Affiliations.organisation("Head of Investor Relations")).isEmpty();
        assertThat(Affiliations.organisation("Executive Vice President, Finance & Administration / CFO")).isEmpty();
        assertThat(Affiliations.organisation("Vice President, Finance")).isEmpty();
        assertThat(Affiliations.organisation("Analyst")).isEmpty();
        assertThat(Affiliations.organisation("  ")).isEmpty();
    }
}
