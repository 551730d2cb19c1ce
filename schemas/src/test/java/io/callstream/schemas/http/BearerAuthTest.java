package io.callstream.schemas.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BearerAuthTest {

    private final BearerAuth auth = BearerAuth.token("Abc-123");

    @Test
    void allowsTheTokenUnderTheBearerSchemeInAnyCase() {
        assertThat(auth.check("Bearer Abc-123")).isEqualTo(BearerAuth.Verdict.ALLOWED);
        assertThat(auth.check("bearer Abc-123")).isEqualTo(BearerAuth.Verdict.ALLOWED);
        assertThat(auth.check("BEARER  Abc-123 ")).isEqualTo(BearerAuth.Verdict.ALLOWED);
    }

    @Test
    void tellsAMissingTokenFromAWrongOne() {
        assertThat(auth.check(null)).isEqualTo(BearerAuth.Verdict.MISSING);
        assertThat(auth.check("")).isEqualTo(BearerAuth.Verdict.MISSING);
        assertThat(auth.check("Bearer ")).isEqualTo(BearerAuth.Verdict.MISSING);
        assertThat(auth.check("Basic QWxhZGRpbjpvcGVu")).isEqualTo(BearerAuth.Verdict.MISSING);
        assertThat(auth.check("Bearer abc-123")).as("the token is case-sensitive").isEqualTo(BearerAuth.Verdict.INVALID);
        assertThat(auth.check("Bearer Abc-1234")).isEqualTo(BearerAuth.Verdict.INVALID);
        assertThat(auth.check("Bearer Abc")).isEqualTo(BearerAuth.Verdict.INVALID);
    }

    @Test
    void disabledAllowsEverythingAndABlankTokenIsRefused() {
        assertThat(BearerAuth.disabled().check(null)).isEqualTo(BearerAuth.Verdict.ALLOWED);
        assertThat(BearerAuth.disabled().enabled()).isFalse();
        assertThatThrownBy(() -> BearerAuth.token(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
