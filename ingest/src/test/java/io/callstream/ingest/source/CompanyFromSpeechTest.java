package io.callstream.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import io.callstream.avro.Role;
import io.callstream.avro.Section;
import io.callstream.ingest.TeslaSample;
import io.callstream.schemas.calls.CompanySource;
import io.callstream.ingest.parse.ParsedLine;
import io.callstream.ingest.parse.TranscriptFormats;
import org.junit.jupiter.api.Test;

class CompanyFromSpeechTest {

    private static ParsedLine line(String label, String affiliation, Section section, String text) {
        return new ParsedLine(label, affiliation, Role.UNKNOWN, section, text, 0, null, Set.of());
    }

    @Test
    void readsTheCompanyFromTheAffiliationOfThePeopleBeforeTheQuestions() {
        List<ParsedLine> lines = List.of(
                line("Jane Roe", "Acme Corp.", Section.PREPARED_REMARKS, "Thanks for joining."),
                line("John Doe", "Acme Corp", Section.PREPARED_REMARKS, "Revenue grew."),
                line("Operator", null, Section.QUESTIONS_AND_ANSWERS, "Our first question comes from Ann Lee."),
                line("Ann Lee", "Big Bank LLC", Section.QUESTIONS_AND_ANSWERS, "A question."),
                line("Bob Fay", "Big Bank LLC", Section.QUESTIONS_AND_ANSWERS, "Another."),
                line("Cy Gale", "Big Bank LLC", Section.QUESTIONS_AND_ANSWERS, "And another."));
        assertThat(CompanyFromSpeech.read(lines))
                .contains(new CompanyFromSpeech.Reading("Acme Corp.", CompanySource.AFFILIATIONS));
    }

    @Test
    void takesNoJobTitleForTheCompanyAndReadsTheFirmBesideOne() {
        // The double-dash layout gives the company's people a title for affiliation, the participants layout both.
        List<ParsedLine> titles = List.of(
                line("Ingrid Solberg", "Head of Investor Relations", Section.PREPARED_REMARKS, "Good morning."),
                line("Tomas Berg", "Chief Executive Officer", Section.PREPARED_REMARKS, "Thanks, Ingrid."));
        assertThat(CompanyFromSpeech.sharedAffiliation(titles)).isEmpty();

        List<ParsedLine> firmAndTitle = List.of(
                line("Ingrid Solberg", "Halvorsen Energy ASA - Head of IR", Section.PREPARED_REMARKS, "Good morning."),
                line("Tomas Berg", "Halvorsen Energy ASA - CEO", Section.PREPARED_REMARKS, "Thanks, Ingrid."));
        assertThat(CompanyFromSpeech.sharedAffiliation(firmAndTitle)).contains("Halvorsen Energy ASA");
    }

    @Test
    void readsTheWelcomeOfADoubleDashFileWithoutItsTitleNotAJobTitle() {
        String file = String.join("\n", "Prepared Remarks:", "", "Operator", "",
                "Good morning, and welcome to the Halvorsen Energy third-quarter 2019 earnings conference call.", "",
                "Ingrid Solberg -- Head of Investor Relations", "", "Thank you, operator.", "",
                "Tomas Berg -- Chief Executive Officer", "", "Thanks, Ingrid.");
        LoadedCall call = new TranscriptLoader(TranscriptFormats.all(), null)
                .load(file, "hlve.txt", "file:hlve.txt", CallOverrides.NONE);
        io.callstream.avro.CallStarted started = (io.callstream.avro.CallStarted) call.events().get(0).getPayload();
        assertThat(started.getCompany()).isEqualTo("Halvorsen Energy");
        assertThat(started.getCompanySource()).isEqualTo(CompanySource.WELCOME);
    }

    @Test
    void readsTheCompanyFromTheOperatorsWelcomeWhereNoOneHasAnAffiliation() {
        List<ParsedLine> lines = List.of(line("Speaker 1", null, Section.UNKNOWN,
                "Good morning ladies and gentlemen, and welcome to the Monro Inc Earnings Conference Call for the third "
                        + "quarter Fiscal 2020."));
        assertThat(CompanyFromSpeech.read(lines))
                .contains(new CompanyFromSpeech.Reading("Monro Inc", CompanySource.WELCOME));
    }

    @Test
    void leavesTheCompanyUnknownWithoutEvidence() {
        List<ParsedLine> lines = List.of(line("Speaker 1", null, Section.UNKNOWN, "Thank you all for coming."),
                line("Speaker 2", null, Section.UNKNOWN, "Welcome to our call."));
        assertThat(CompanyFromSpeech.read(lines)).isEmpty();
    }

    @Test
    void givesTheTeslaFileUnderAnotherNameItsCompanyAndSaysWhereItCameFrom() {
        LoadedCall call = new TranscriptLoader(TranscriptFormats.all(), null)
                .load(TeslaSample.text(), "call-a.txt", "file:call-a.txt", CallOverrides.NONE);
        io.callstream.avro.CallStarted started = (io.callstream.avro.CallStarted) call.events().get(0).getPayload();
        assertThat(started.getCompany()).isEqualTo("Tesla, Inc.");
        assertThat(started.getCompanySource()).isEqualTo(CompanySource.AFFILIATIONS);
    }

    @Test
    void marksACompanyThatIsOnlyTheFileName() {
        LoadedCall call = new TranscriptLoader(TranscriptFormats.all(), null).load(
                "Speaker 1\n(00:01) Thank you all for coming.\n\nSpeaker 2\n(00:05) Hello there.\n", "call-b.txt",
                "file:call-b.txt", CallOverrides.NONE);
        io.callstream.avro.CallStarted started = (io.callstream.avro.CallStarted) call.events().get(0).getPayload();
        assertThat(started.getCompanySource()).isEqualTo(CompanySource.FILE_NAME);
    }
}
