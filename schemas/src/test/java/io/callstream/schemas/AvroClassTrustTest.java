package io.callstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callstream.avro.Role;
import io.callstream.avro.Speaker;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AvroClassTrustTest {

    private ClassSecurityPredicate before;

    @BeforeEach
    void remember() {
        before = ClassSecurityValidator.getGlobal();
    }

    @AfterEach
    void restore() {
        // The validator is process-wide: other tests must see Avro as it was.
        ClassSecurityValidator.setGlobal(before);
    }

    @Test
    void letsBuildersFillEnumDefaultsOnceGeneratedClassesAreTrusted() {
        assertThat(System.getProperty("org.apache.avro.SERIALIZABLE_PACKAGES")).isNull();
        assertThatThrownBy(() -> Speaker.newBuilder().setName("Adam Jonas").build())
                .as("without trust, an unset enum field with a default fails")
                .hasRootCauseInstanceOf(SecurityException.class)
                .hasMessageContaining("io.callstream.avro.Role");

        AvroClassTrust.trustGeneratedClasses();
        AvroClassTrust.trustGeneratedClasses();

        assertThat(Speaker.newBuilder().setName("Adam Jonas").build().getRole()).isEqualTo(Role.UNKNOWN);
        assertThat(ClassSecurityValidator.getGlobal().isTrusted(io.callstream.avro.state.TurnAssemblyState.class))
                .as("the Streams state's records, in a subpackage, too").isTrue();
        assertThat(ClassSecurityValidator.getGlobal().isTrusted(String.class)).as("keeps what was trusted").isTrue();
        assertThat(ClassSecurityValidator.getGlobal().isTrusted(java.io.File.class)).isFalse();
    }
}
