package io.callstream.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.callstream.avro.CallStarted;
import io.callstream.ingest.TeslaSample;
import io.callstream.schemas.calls.CompanySource;
import io.callstream.ingest.parse.TranscriptFormats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallManifestTest {

    @TempDir
    Path dir;

    private Path call(String name) throws IOException {
        return Files.writeString(dir.resolve(name), TeslaSample.text());
    }

    @Test
    void readsACallsRowFromTheCsvOfItsFolder() throws IOException {
        Path file = call("call-a.txt");
        Files.writeString(dir.resolve("calls.csv"), "file,call_id,company,ticker,fiscal_period,start\n"
                + "other.txt,x,Other,OTH,,\n"
                + "call-a.txt,tesla-q4,\"Tesla, Inc.\",TSLA,2016-Q4,2017-02-22T22:30:00Z\n");

        CallOverrides o = CallManifest.overridesFor(file, CallOverrides.NONE);

        assertThat(o).isEqualTo(new CallOverrides("tesla-q4", "Tesla, Inc.", "TSLA", "2016-Q4",
                Instant.parse("2017-02-22T22:30:00Z"), CompanySource.MANIFEST));
    }

    @Test
    void aSidecarWinsOverTheCsvFieldByFieldAndFlagsWinOverBoth() throws IOException {
        Path file = call("call-a.txt");
        Files.writeString(dir.resolve("calls.csv"), "file,company,ticker\ncall-a.txt,Tesla Motors,TSLA\n");
        Files.writeString(dir.resolve("call-a.meta.json"), "{\"company\": \"Tesla, Inc.\", \"fiscal_period\": null}");

        assertThat(CallManifest.overridesFor(file, CallOverrides.NONE)).satisfies(o -> {
            assertThat(o.company()).isEqualTo("Tesla, Inc.");
            assertThat(o.ticker()).isEqualTo("TSLA");
            assertThat(o.companySource()).isEqualTo(CompanySource.MANIFEST);
        });
        CallOverrides flags = new CallOverrides(null, "Flagged Co", null, null, null);
        assertThat(CallManifest.overridesFor(file, flags)).satisfies(o -> {
            assertThat(o.company()).isEqualTo("Flagged Co");
            assertThat(o.companySource()).isEqualTo(CompanySource.FLAG);
            assertThat(o.ticker()).isEqualTo("TSLA");
        });
    }

    @Test
    void givesTheFlagsAsTheyAreWhereThereIsNoManifest() throws IOException {
        Path file = call("call-a.txt");
        assertThat(CallManifest.overridesFor(file, CallOverrides.NONE)).isEqualTo(CallOverrides.NONE);
    }

    @Test
    void refusesAManifestItCannotReadNamingThePlace() throws IOException {
        Path file = call("call-a.txt");
        Files.writeString(dir.resolve("call-a.meta.json"), "{\"compnay\": \"Tesla\"}");
        assertThatThrownBy(() -> CallManifest.overridesFor(file, CallOverrides.NONE))
                .isInstanceOf(BadInputException.class).hasMessageContaining("call-a.meta.json")
                .hasMessageContaining("unknown field 'compnay'");

        Files.delete(dir.resolve("call-a.meta.json"));
        Files.writeString(dir.resolve("calls.csv"), "file,start\ncall-a.txt,22 Feb 2017\n");
        assertThatThrownBy(() -> CallManifest.overridesFor(file, CallOverrides.NONE))
                .isInstanceOf(BadInputException.class).hasMessageContaining("not an ISO instant");

        Files.writeString(dir.resolve("calls.csv"), "file,company\ncall-a.txt,\"Tesla, Inc.\",extra\n");
        assertThatThrownBy(() -> CallManifest.overridesFor(file, CallOverrides.NONE))
                .isInstanceOf(BadInputException.class).hasMessageContaining("calls.csv:2");
    }

    @Test
    void theManifestReachesTheCallStartedAndASidecarIsNoTranscript() throws IOException {
        Path file = call("call-a.txt");
        Files.writeString(dir.resolve("call-a.meta.json"), "{\"company\": \"Tesla, Inc.\", \"ticker\": \"TSLA\"}");

        LoadedCall call = new TranscriptLoader(TranscriptFormats.all(), null).load(TeslaSample.text(),
                file.toString(), "file:call-a.txt", CallManifest.overridesFor(file, CallOverrides.NONE));
        CallStarted started = (CallStarted) call.events().get(0).getPayload();
        assertThat(started.getTicker()).isEqualTo("TSLA");
        assertThat(started.getCompanySource()).isEqualTo(CompanySource.MANIFEST);
        assertThat(InputFiles.expand(List.of(dir))).containsExactly(file);
    }
}
