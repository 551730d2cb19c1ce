package io.callstream.enrich.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

/** {@link Units#symbol}, one pattern of all units, reads every unit as trying each unit's pattern in turn does. */
class UnitsTest {

    @Test
    void readsEveryUnitAsEachUnitsPatternInTurnDoes() {
        List<String> written = List.of("gigawatt-hours", "GWh", "gwh", "Giga-Watt hour", "gigawatthours",
                "megawatt hours", "MWh", "mwh", "kilowatt-hour", "kWh", "KWh", "kwh", "terawatt hours", "TWh",
                "gigawatts", "GW", "gw", "megawatt", "MW", "mw", "kilo-watts", "kW", "KW", "kw",
                "barrels of oil equivalent", "Barrels  of\toil equivalent", "boe", "boes", "BOE", "BOEs", "Boe",
                "barrels", "barrel", "bbl", "bbls", "BBL", "Bcf", "bcf", "BCF", "Mcf", "mcf", "MMBtu", "MMBTU",
                "mmbtu", "metric tons", "tons", "ton", "tonnes", "Tonne", "kilograms", "kilos", "kg", "KG", "ounces",
                "oz", "OZ", "square feet", "square foot", "sq ft", "sq. ft", "sq.ft", "sqft", "square meters",
                "square metres", "kilometers", "kilometres", "km", "KM", "miles", "mile", "hectares", "acres",
                "units", "Unit", "UNITS", "vehicles", "cars", "trucks", "cells", "packs", "stores", "restaurants",
                "branches", "branch", "locations", "employees", "people", "customers", "clients", "subscribers",
                "users", "members", "accounts", "households", "homes", "patients", "orders", "reservations",
                "deliveries", "delivery", "shipments", "contracts", "shares", "wells", "rigs", "plants", "factories",
                "factory", "countries", "country", "markets", "days", "day", "weeks", "months", "quarters", "years",
                "hours", "hour", "-units", " units", "- GWh", "  MW ", "xyz", "", "-", "watts", "Bcfs", "units.");
        for (String w : written) {
            for (String form : List.of(w, w.toUpperCase(Locale.ROOT), w.toLowerCase(Locale.ROOT))) {
                assertThat(Units.symbol(form)).as(form).isEqualTo(Units.symbolUnitByUnit(form));
            }
        }
    }
}
