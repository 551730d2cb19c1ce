package io.callstream.enrich.roles;

import static org.assertj.core.api.Assertions.assertThat;

import io.callstream.avro.Role;
import org.junit.jupiter.api.Test;

class RoleResolverTest {

    private final RoleResolver tesla = new RoleResolver("Tesla, Inc.");

    @Test
    void operatorIsKnownByLabel() {
        assertThat(tesla.resolve("Operator", null)).isEqualTo(Role.OPERATOR);
    }

    @Test
    void affiliationNamingTheCallsCompanyIsAnExecutive() {
        assertThat(tesla.resolve("Elon Reeve Musk", "Tesla, Inc.")).isEqualTo(Role.EXECUTIVE);
        assertThat(tesla.resolve("Jason S. Wheeler", "Tesla Inc")).isEqualTo(Role.EXECUTIVE);
    }

    @Test
    void anotherFirmIsAnAnalyst() {
        assertThat(tesla.resolve("Adam Michael Jonas", "Morgan Stanley & Co. LLC")).isEqualTo(Role.ANALYST);
        assertThat(tesla.resolve("Tyler Charles Frank", "Robert W. Baird & Co., Inc. (Private Wealth Management)"))
                .isEqualTo(Role.ANALYST);
    }

    @Test
    void aFirmWhoseNameMerelyBeginsLikeTheCompanyIsNotTheCompany() {
        assertThat(tesla.resolve("Jane Roe", "Teslarati Capital")).isEqualTo(Role.ANALYST);
        assertThat(tesla.resolve("Jane Roe", "Tesla Motors")).isEqualTo(Role.EXECUTIVE);
    }

    @Test
    void noAffiliationOrNoLabelStaysUnknown() {
        assertThat(tesla.resolve("Speaker 3", null)).isEqualTo(Role.UNKNOWN);
        assertThat(tesla.resolve(null, null)).isEqualTo(Role.UNKNOWN);
    }

    @Test
    void withoutTheCallsCompanyAnAffiliationDecidesNothing() {
        assertThat(new RoleResolver(null).resolve("Elon Reeve Musk", "Tesla, Inc.")).isEqualTo(Role.UNKNOWN);
    }
}
