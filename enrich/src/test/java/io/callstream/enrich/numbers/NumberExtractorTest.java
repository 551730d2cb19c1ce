package io.callstream.enrich.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.callstream.avro.NumberKind;
import io.callstream.avro.NumberMention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumberExtractorTest {

    private final NumberExtractor extractor = new NumberExtractor();

    /** The one mention in {@code text}, checked to index the text exactly. */
    private NumberMention only(String text) {
        List<NumberMention> found = extractor.find(text);
        assertThat(found).as("mentions in '%s'", text).hasSize(1);
        NumberMention m = found.get(0);
        assertThat(text.substring(m.getSpan().getStart(), m.getSpan().getEnd())).isEqualTo(m.getSpan().getText());
        return m;
    }

    // The issue's examples, each exactly as written there.

    @Test
    void readsAMoneyRangeAsOneMention() {
        String text = "One is you mentioned that the CapEx of $2 billion to $2.5 billion is until the launch.";
        NumberMention m = only(text);
        assertThat(m.getKind()).isEqualTo(NumberKind.MONEY);
        assertThat(m.getSpan().getText()).isEqualTo("$2 billion to $2.5 billion");
        assertThat(m.getSpan().getStart()).isEqualTo(text.indexOf('$'));
        assertThat(m.getValue()).isEqualTo(2.0E9);
        assertThat(m.getUnit()).isEqualTo("USD");
        assertThat(m.getNormalized()).isEqualTo("USD 2.0E9..2.5E9");
    }

    @Test
    void readsFiftyCentsOnTheDollarAsTwoAmounts() {
        List<NumberMention> found = extractor.find("We get basically $0.50 on the $1 when we can sell the credits.");
        assertThat(found).extracting(m -> m.getSpan().getText()).containsExactly("$0.50", "$1");
        assertThat(found).extracting(NumberMention::getKind).containsOnly(NumberKind.MONEY);
        assertThat(found).extracting(NumberMention::getNormalized).containsExactly("USD 0.5", "USD 1.0");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "5,000 a week|5000.0|units/week|5000.0 units/week",
        "250,000 a year|250000.0|units/year|250000.0 units/year",
        "5,000 units per week|5000.0|units/week|5000.0 units/week",
        "five thousand a week|5000.0|units/week|5000.0 units/week",
        "5,000 cars a week|5000.0|cars/week|5000.0 cars/week",
        "1 million vehicles a year|1000000.0|vehicles/year|1000000.0 vehicles/year",
        "35 gigawatt-hours per year|35.0|GWh/year|35.0 GWh/year",
        "250,000-unit a year|250000.0|units/year|250000.0 units/year",
        "85 miles an hour|85.0|miles/hour|85.0 miles/hour",
        "$1 billion a month|1.0E9|USD/month|USD 1.0E9/month",
        "180 to 200,000 BOEs per day|180000.0|boe/day|180000.0..200000.0 boe/day",
        "5,000 to 10,000 a week|5000.0|units/week|5000.0..10000.0 units/week",
    })
    void readsARateAsOneMention(String text, double value, String unit, String normalized) {
        NumberMention m = only(text);
        assertThat(m.getKind()).isEqualTo(NumberKind.RATE);
        assertThat(m.getSpan().getText()).isEqualTo(text);
        assertThat(m.getValue()).isEqualTo(value);
        assertThat(m.getUnit()).isEqualTo(unit);
        assertThat(m.getNormalized()).isEqualTo(normalized);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "35 gigawatt-hours|35.0|GWh",
        "70 GWh|70.0|GWh",
        "5 MW|5.0|MW",
        "880 megawatts|880.0|MW",
        "60-kilowatt-hour|60.0|kWh",
        "500,000 vehicles|500000.0|vehicles",
        "20 cars|20.0|cars",
        "1 million units|1000000.0|units",
        "7,500 barrels of oil equivalent|7500.0|boe",
        "three months|3.0|months",
    })
    void readsAQuantityWithItsUnit(String text, double value, String unit) {
        NumberMention m = only(text);
        assertThat(m.getKind()).isEqualTo(NumberKind.QUANTITY);
        assertThat(m.getSpan().getText()).isEqualTo(text);
        assertThat(m.getValue()).isEqualTo(value);
        assertThat(m.getUnit()).isEqualTo(unit);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Q3|Q3",
        "the third quarter|Q3",
        "Q4 2016|2016-Q4",
        "the fourth quarter of 2016|2016-Q4",
        "4Q16|2016-Q4",
        "1Q|Q1",
        "Q1 FY21|FY2021-Q1",
        "the third quarter of fiscal 2020|FY2020-Q3",
        "the third quarter of this year|Q3-this-year",
        "the last quarter of 2019|2019-Q4",
        "July|--07",
        "July 1|--07-01",
        "February 22nd, 2017|2017-02-22",
        "17th of April|--04-17",
        "the end of this year|this-year-end",
        "the end of the year|this-year-end",
        "the first half|H1",
        "the first half of this year|H1-this-year",
        "the first half of next year|H1-next-year",
        "second half of 2017|2017-H2",
        "the back half of 2017|2017-H2",
        "H1 21|2021-H1",
        "next year|next-year",
        "this year|this-year",
        "last quarter|last-quarter",
        "the prior year|last-year",
        "2018|2018",
        "fiscal 2020|FY2020",
        "FY21|FY2021",
        "2017 to 2018|2017..2018",
        "mid-2018|2018-mid",
        "later this year|this-year-late",
        "the end of Q3|Q3-end",
        "the next 12 months|next-12-months",
        "the last two quarters|last-2-quarters",
        "three months ago|3-months-ago",
        "a year ago|1-year-ago",
    })
    void readsAPeriodWithANormalizedSymbol(String text, String normalized) {
        NumberMention m = only(text);
        assertThat(m.getKind()).isEqualTo(NumberKind.PERIOD);
        assertThat(m.getSpan().getText()).isEqualTo(text);
        assertThat(m.getValue()).isNull();
        assertThat(m.getNormalized()).isEqualTo(normalized);
    }

    @Test
    void readsTheTargetOfTheIssueAsAPeriodAndARate() {
        String text = "Well, I feel pretty confident that we should get there by the end of this year, "
                + "to 5,000 a week.";
        assertThat(extractor.find(text))
                .extracting(m -> m.getKind() + " " + m.getSpan().getText() + " = " + m.getNormalized())
                .containsExactly("PERIOD the end of this year = this-year-end",
                        "RATE 5,000 a week = 5000.0 units/week");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "US$5|5.0|USD",
        "€20 million|2.0E7|EUR",
        "£1.7 billion|1.7E9|GBP",
        "500 million dollars|5.0E8|USD",
        "$1.2B|1.2E9|USD",
        "CHF383 million|3.83E8|CHF",
        "EUR 55 million|5.5E7|EUR",
        "R$ 3,800|3800.0|BRL",
        "4.7 billion RUB|4.7E9|RUB",
        "two billion dollars|2.0E9|USD",
        "a half million dollars|500000.0|USD",
        "56 cents|0.56|USD",
        "$2.6 million euros|2600000.0|EUR",
        "minus €16 million|-1.6E7|EUR",
        "-5.1 billion rubles|-5.1E9|RUB",
        "43.6 trillion won|4.36E13|KRW",
    })
    void readsMoneyWithItsCurrencyBeforeOrAfter(String text, double value, String currency) {
        NumberMention m = only(text);
        assertThat(m.getKind()).isEqualTo(NumberKind.MONEY);
        assertThat(m.getSpan().getText()).isEqualTo(text);
        assertThat(m.getValue()).isEqualTo(value);
        assertThat(m.getUnit()).isEqualTo(currency);
    }

    @Test
    void readsAPricePerShareAsMoneyPerShare() {
        NumberMention m = only("$2 and 98 cents per diluted share");
        assertThat(m.getKind()).isEqualTo(NumberKind.MONEY);
        assertThat(m.getValue()).isEqualTo(2.98);
        assertThat(m.getUnit()).isEqualTo("USD/share");
        assertThat(m.getNormalized()).isEqualTo("USD 2.98/share");
    }

    @Test
    void aRangeBorrowsTheScaleAndCurrencyItsFirstEndLeavesOut() {
        assertThat(only("2.1, uh, to £2.2 billion").getNormalized()).isEqualTo("GBP 2.1E9..2.2E9");
        assertThat(only("three to $4 billion").getNormalized()).isEqualTo("USD 3.0E9..4.0E9");
        assertThat(only("$50 to $100 million").getNormalized()).isEqualTo("USD 5.0E7..1.0E8");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "25%|25.0|%|25.0%",
        "25 percent|25.0|%|25.0%",
        "two and a half percent|2.5|%|2.5%",
        "half a percent|0.5|%|0.5%",
        "20 to 25%|20.0|%|20.0..25.0%",
        "between 7% and 8%|7.0|%|7.0..8.0%",
        "50 basis points|50.0|bp|50.0 bp",
        "2 percentage points|2.0|pp|2.0 pp",
    })
    void readsPercentages(String text, double value, String unit, String normalized) {
        NumberMention m = extractor.find(text).get(0);
        assertThat(m.getKind()).isEqualTo(NumberKind.PERCENT);
        assertThat(m.getValue()).isEqualTo(value);
        assertThat(m.getUnit()).isEqualTo(unit);
        assertThat(m.getNormalized()).isEqualTo(normalized);
    }

    @Test
    void readsSpokenNumbersWithAScale() {
        assertThat(only("two billion").getValue()).isEqualTo(2.0E9);
        assertThat(only("a half million").getValue()).isEqualTo(500_000.0);
        assertThat(only("two hundred fifty thousand").getValue()).isEqualTo(250_000.0);
        assertThat(only("twenty-five thousand").getValue()).isEqualTo(25_000.0);
    }

    @Test
    void readsABareNumberAsOther() {
        NumberMention m = only("the order book was 400,000, plus or minus");
        assertThat(m.getKind()).isEqualTo(NumberKind.OTHER);
        assertThat(m.getValue()).isEqualTo(400_000.0);
        assertThat(m.getUnit()).isNull();
        assertThat(m.getNormalized()).isEqualTo("400000.0");
    }

    @Test
    void aComparisonIsNotADuration() {
        assertThat(only("lower by 63 year-over-year").getNormalized()).isEqualTo("63.0");
    }

    @Test
    void aChangeFromOneAmountToAnotherIsTwoMentions() {
        assertThat(extractor.find("to go from 5,000 a week to 10,000 a week"))
                .extracting(m -> m.getSpan().getText()).containsExactly("5,000 a week", "10,000 a week");
        assertThat(extractor.find("revenue growing from £729 million to 951 million"))
                .extracting(NumberMention::getNormalized).containsExactly("GBP 7.29E8", "9.51E8");
    }

    @Test
    void twoUnlikeAmountsAreNotARange() {
        assertThat(extractor.find("SG&A increased by 22% to $101.60 million"))
                .extracting(NumberMention::getNormalized).containsExactly("22.0%", "USD 1.016E8");
        assertThat(extractor.find("around 15% or 350 million"))
                .extracting(NumberMention::getNormalized).containsExactly("15.0%", "3.5E8");
    }

    @Test
    void theWidestReadingWinsAndNoMentionsOverlap() {
        String text = "the CapEx of $2 billion to $2.5 billion, 5,000 a week by Q4 2016 and 1 million units per"
                + " year by 2020";
        List<NumberMention> found = extractor.find(text);
        assertThat(found).extracting(m -> m.getSpan().getText()).containsExactly(
                "$2 billion to $2.5 billion", "5,000 a week", "Q4 2016", "1 million units per year", "2020");
        for (int i = 1; i < found.size(); i++) {
            assertThat(found.get(i).getSpan().getStart()).isGreaterThanOrEqualTo(found.get(i - 1).getSpan().getEnd());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "It's not related to the Model 3.",
        "we're pretty covered with Gigafactory 1 in terms of capacity",
        "the impact of COVID-19 on volumes",
        "the call will start at 2:30 pm",
        "You may press * 1 to ask a question.",
        "We participated in COP26 in Glasgow.",
        "May I ask a follow-up?",
        "There are two reasons. One is cost.",
        "a couple of percentage points",
        "the 5G handsets and the AFM13 study",
        "please turn to slide 10",
        "as filed on our 10-K",
        "First, (1) cost and (2) mix.",
    })
    void leavesNamesCodesTimesAndWordsAlone(String text) {
        assertThat(extractor.find(text)).isEmpty();
    }

    @Test
    void spansCountUtf16CodeUnits() {
        String text = "\uD835\uDD18 \u201Cwe expect $5 million\u201D"; // a character outside the BMP first
        NumberMention m = only(text);
        assertThat(m.getSpan().getStart()).isEqualTo(text.indexOf('$'));
        assertThat(m.getSpan().getText()).isEqualTo("$5 million");
    }

    @Test
    void findsNothingInNullOrBlankText() {
        assertThat(extractor.find(null)).isEmpty();
        assertThat(extractor.find("  ")).isEmpty();
    }
}
