package io.callstream.enrich.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaxonomySetTest {

    private final TaxonomyParser parser = new TaxonomyParser();

    @Test
    void theShippedTaxonomiesHoldTheTopicsOfTheTaxonomyDocument() {
        TaxonomySet set = TaxonomySet.defaults();

        Taxonomy general = set.all().get(0);
        assertThat(general.id()).isEqualTo("general");
        assertThat(general.ticker()).isNull();
        assertThat(general.topics()).extracting(TopicRule::id, TopicRule::label).containsExactly(
                tuple("guidance", "Guidance & outlook"),
                tuple("production-ramp", "Production ramp"),
                tuple("demand", "Demand & orders"),
                tuple("margins", "Margins & profitability"),
                tuple("cash-burn", "Cash burn & liquidity"),
                tuple("capital-raise", "Capital raise"),
                tuple("capex", "Capital expenditure"),
                tuple("financing", "Debt & financing facilities"),
                tuple("opex", "Operating costs"),
                tuple("working-capital", "Working capital"),
                tuple("supply-chain", "Supply chain"),
                tuple("regulation", "Regulation & policy"),
                tuple("labor", "Labor"),
                tuple("management", "Management change"),
                tuple("m-and-a", "M&A & integration"),
                tuple("competition", "Competition"),
                tuple("technology", "Product technology"));

        Taxonomy tesla = set.all().get(1);
        assertThat(tesla.id()).isEqualTo("tsla");
        assertThat(tesla.ticker()).isEqualTo("TSLA");
        assertThat(tesla.topics()).extracting(TopicRule::id, TopicRule::label).containsExactly(
                tuple("model-3-ramp", "Model 3 ramp"),
                tuple("gigafactory", "Gigafactory & cells"),
                tuple("autopilot", "Autopilot"),
                tuple("solar-storage", "Solar & storage"),
                tuple("model-s-x", "Model S & X"));
    }

    @Test
    void aTeslaCallGetsTheWatchlistAndAnotherTickerDoesNot() {
        TaxonomySet set = TaxonomySet.defaults();

        assertThat(set.forTicker("TSLA")).extracting(Taxonomy::id).containsExactly("general", "tsla");
        assertThat(set.forTicker("tsla")).extracting(Taxonomy::id).containsExactly("general", "tsla");
        assertThat(set.forTicker("GM")).extracting(Taxonomy::id).containsExactly("general");
        assertThat(set.forTicker(null)).extracting(Taxonomy::id).containsExactly("general");
    }

    @Test
    void aCallWithNoTickerGetsTheWatchlistOfTheCompanyItNames() {
        TaxonomySet set = TaxonomySet.defaults();

        assertThat(set.tickerFor(null, "Tesla, Inc.")).isEqualTo("TSLA");
        assertThat(set.tickerFor(null, "Tesla Motors Inc")).isEqualTo("TSLA");
        assertThat(set.tickerFor(null, "Teslarati Capital")).as("whole words only").isNull();
        assertThat(set.tickerFor(null, null)).isNull();
        assertThat(set.tickerFor("GM", "Tesla, Inc.")).as("a ticker the source gives wins").isEqualTo("GM");
    }

    @Test
    void refusesCompaniesWithoutATicker(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("acme.taxonomy");
        Files.writeString(file, "taxonomy: acme\nversion: 1\ncompanies: Acme | Acme Corp\n\ntopic: widgets\n"
                + "label: Widgets\nquery: widget\n");
        assertThatThrownBy(() -> new TaxonomyParser().parse(file)).isInstanceOf(TaxonomyException.class)
                .hasMessageContaining("acme.taxonomy").hasMessageContaining("'ticker:'");
    }

    @Test
    void loadsUsersFilesInPlaceOfTheShippedOnes(@TempDir Path dir) throws IOException {
        Path mine = dir.resolve("mine.taxonomy");
        Files.writeString(mine, "taxonomy: mine\nversion: 3\ntopic: tariffs\nlabel: Tariffs\nquery: tariff\n");

        TaxonomySet set = TaxonomySet.load(List.of(mine));

        assertThat(set.all()).extracting(Taxonomy::id, Taxonomy::source).containsExactly(tuple("mine", "mine.taxonomy"));
    }

    @Test
    void refusesAWatchlistThatRedefinesAGeneralTopicAtItsLine() throws IOException {
        Taxonomy general = parse("general.taxonomy", "taxonomy: general\nversion: 1\ntopic: demand\nlabel: D\nquery: demand\n");
        Taxonomy watchlist = parse("acme.taxonomy",
                "taxonomy: acme\nversion: 1\nticker: ACME\n\ntopic: widgets\nlabel: W\nquery: widget\n"
                        + "topic: demand\nlabel: D\nquery: orders\n");

        assertThatThrownBy(() -> TaxonomySet.of(List.of(general, watchlist)))
                .isInstanceOfSatisfying(TaxonomyException.class, e -> {
                    assertThat(e.file()).isEqualTo("acme.taxonomy");
                    assertThat(e.line()).isEqualTo(8);
                })
                .hasMessage("acme.taxonomy:8: topic id 'demand' is also defined in general.taxonomy (line 3),"
                        + " which applies to the same calls");
    }

    @Test
    void allowsWatchlistsOfDifferentTickersToShareATopicId() throws IOException {
        Taxonomy acme = parse("acme.taxonomy", "taxonomy: acme\nversion: 1\nticker: ACME\ntopic: ramp\nlabel: R\nquery: ramp\n");
        Taxonomy zeta = parse("zeta.taxonomy", "taxonomy: zeta\nversion: 1\nticker: ZETA\ntopic: ramp\nlabel: R\nquery: ramp\n");

        assertThat(TaxonomySet.of(List.of(acme, zeta)).forTicker("ZETA")).extracting(Taxonomy::id).containsExactly("zeta");
    }

    @Test
    void refusesTwoTaxonomiesWithOneId() throws IOException {
        Taxonomy first = parse("a.taxonomy", "taxonomy: same\nversion: 1\ntopic: a\nlabel: A\nquery: a\n");
        Taxonomy second = parse("b.taxonomy", "# b\ntaxonomy: same\nversion: 1\ntopic: b\nlabel: B\nquery: b\n");

        assertThatThrownBy(() -> TaxonomySet.of(List.of(first, second)))
                .hasMessage("b.taxonomy:2: taxonomy id 'same' is also the id of a.taxonomy (line 1)");
    }

    private Taxonomy parse(String name, String text) throws IOException {
        return parser.parse(new StringReader(text), name);
    }
}
