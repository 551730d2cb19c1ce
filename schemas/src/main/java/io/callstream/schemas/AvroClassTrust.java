package io.callstream.schemas;

import io.callstream.avro.CallEvent;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Lets Avro load this project's generated classes ({@code io.callstream.avro}) by name.
 *
 * <p>Why: Avro 1.12 loads a class by name only from packages listed in {@code org.apache.avro.SERIALIZABLE_PACKAGES}
 * and throws a {@code SecurityException} otherwise. The serdes of this module do not need that (see
 * {@code serde.ReaderSpecificData}), but the generated builders do: {@code build()} fills an unset field that
 * has an enum default (e.g. {@code TranscriptLine.status}, {@code Speaker.role}, every {@code section}) by loading
 * the enum class by name, and fails. Applications either start the JVM with
 * {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.callstream.avro} or call {@link #trustGeneratedClasses()}
 * once at startup. The call changes Avro's process-wide validator, adding to whatever it trusted already; unlike
 * the system property, which Avro reads once, it works whenever it is called.
 */
public final class AvroClassTrust {

    public static final String GENERATED_PACKAGE = CallEvent.class.getPackageName();

    private AvroClassTrust() {
    }

    /** The generated records and the Streams state beside them ({@code io.callstream.avro.state}). */
    static boolean isGenerated(Class<?> type) {
        String pkg = type.getPackageName();
        return pkg.equals(GENERATED_PACKAGE) || pkg.startsWith(GENERATED_PACKAGE + ".");
    }

    public static void trustGeneratedClasses() {
        synchronized (AvroClassTrust.class) {
            ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
            if (current.isTrusted(CallEvent.class)) {
                return;
            }
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(current,
                    AvroClassTrust::isGenerated));
        }
    }
}
