package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.avro.LineFlag;
import org.junit.jupiter.api.Test;

class VerbatimTagsTest {

    @Test
    void flagsInaudibleAndUnknownWordsAsInaudible() {
        assertThat(VerbatimTags.flags("the <inaudible> forward looking statements")).containsExactly(LineFlag.INAUDIBLE);
        assertThat(VerbatimTags.flags("from our <unk> work plant")).containsExactly(LineFlag.INAUDIBLE);
    }

    @Test
    void flagsCrosstalk() {
        assertThat(VerbatimTags.flags("Morning, Phil. <crosstalk> Hi, good")).containsExactly(LineFlag.CROSSTALK);
    }

    @Test
    void flagsEachKindOnceWhateverTheCount() {
        assertThat(VerbatimTags.flags("<unk> in <unk> and <crosstalk> <inaudible>"))
                .containsExactly(LineFlag.INAUDIBLE, LineFlag.CROSSTALK);
    }

    @Test
    void doesNotFlagAudioEvents() {
        assertThat(VerbatimTags.flags("<laugh> uh, <cough> <silence> <affirmative> <foreign>")).isEmpty();
    }

    @Test
    void doesNotFlagPlainText() {
        assertThat(VerbatimTags.flags("revenue grew 5% < 6% > 4%")).isEmpty();
    }
}
