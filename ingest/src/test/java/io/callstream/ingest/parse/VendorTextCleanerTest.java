package io.callstream.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VendorTextCleanerTest {

    @Test
    void readsEscapedDollarAsDollar() {
        assertThat(VendorTextCleaner.clean("worth about \\$10,000 more, \\$0.50 on the \\$1").text())
                .isEqualTo("worth about $10,000 more, $0.50 on the $1");
    }

    @Test
    void removesPhoneticMarkWithoutLeavingDoubleSpaceAndRemembersIt() {
        CleanedText cleaned = VendorTextCleaner.clean("I don't think [ph] this is likely to occur.");

        assertThat(cleaned.text()).isEqualTo("I don't think this is likely to occur.");
        assertThat(cleaned.phonetic()).isTrue();
    }

    @Test
    void plainTextIsNotPhonetic() {
        assertThat(VendorTextCleaner.clean("Thank you.").phonetic()).isFalse();
    }

    @Test
    void removesMarkerBetweenWordsAndKeepsItsWordPosition() {
        CleanedText cleaned = VendorTextCleaner.clean("we will in-source (7:12) it, but");

        assertThat(cleaned.text()).isEqualTo("we will in-source it, but");
        assertThat(cleaned.markers()).containsExactly(new CallTimeMarker(3, 432_000));
        assertThat(cleaned.wordCount()).isEqualTo(5);
    }

    @Test
    void removesMarkerBeforePunctuationWithoutLeavingASpace() {
        assertThat(VendorTextCleaner.clean("wouldn't even work with us (10:07). They thought").text())
                .isEqualTo("wouldn't even work with us. They thought");
    }

    @Test
    void dropsCommaThatWouldRunIntoPunctuationOnceMarkerIsGone() {
        assertThat(VendorTextCleaner.clean("into a logarithm, (23:14).").text()).isEqualTo("into a logarithm.");
        assertThat(VendorTextCleaner.clean("when I started, (41:59), what's our").text())
                .isEqualTo("when I started, what's our");
    }

    @Test
    void markerOpeningTheParagraphIsAtWordZero() {
        CleanedText cleaned = VendorTextCleaner.clean("(31:05) that it will not be profitable");

        assertThat(cleaned.text()).isEqualTo("that it will not be profitable");
        assertThat(cleaned.markers()).containsExactly(new CallTimeMarker(0, 1_865_000));
    }

    @Test
    void readsMarkersPastTheHourAndWithHours() {
        assertThat(VendorTextCleaner.clean("huge (70:41) cash flows").markers())
                .containsExactly(new CallTimeMarker(1, 4_241_000));
        assertThat(VendorTextCleaner.clean("(1:02:09) Thank you").markers())
                .containsExactly(new CallTimeMarker(0, 3_729_000));
    }

    @Test
    void leavesParenthesesThatAreNotTimesAlone() {
        assertThat(VendorTextCleaner.clean("the (Private Wealth Management) desk (7:7) ok").markers()).isEmpty();
    }

    @Test
    void keepsEnDashesAndCurlyQuotesButNormalisesWhitespace() {
        CleanedText cleaned = VendorTextCleaner.clean("  So, let's see.\tI think –  yeah, “really” ");

        assertThat(cleaned.text()).isEqualTo("So, let's see. I think – yeah, “really”");
        assertThat(cleaned.wordCount()).as("a lone dash is not a word").isEqualTo(7);
    }
}
