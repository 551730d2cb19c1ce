package io.callstream.schemas.registry.server;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;

/**
 * Checks a candidate schema against earlier versions with Avro's own {@link SchemaCompatibility}, the same
 * resolution rules a reader applies, and says each problem in words that name the field and where it is.
 */
final class CompatibilityChecker {

    private CompatibilityChecker() {
    }

    /**
     * The problems that keep {@code candidate} from being compatible with {@code earlier} under {@code level};
     * empty when it is compatible.
     */
    static List<String> problems(CompatibilityLevel level, Schema candidate, List<RegistryStore.Version> earlier) {
        List<String> problems = new ArrayList<>();
        for (RegistryStore.Version old : earlier) {
            String oldName = "version " + old.version();
            if (level.backward()) {
                describe(candidate, "the new schema", old.schema(), oldName, problems);
            }
            if (level.forward()) {
                describe(old.schema(), oldName, candidate, "the new schema", problems);
            }
        }
        return problems;
    }

    private static void describe(Schema reader, String readerName, Schema writer, String writerName,
                                 List<String> problems) {
        List<Incompatibility> found = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
                .getResult().getIncompatibilities();
        for (Incompatibility incompatibility : found) {
            problems.add(incompatibility.getType() + " at " + incompatibility.getLocation() + ": "
                    + detail(incompatibility, writerName) + " (" + readerName + " cannot read data written with "
                    + writerName + ")");
        }
    }

    private static String detail(Incompatibility incompatibility, String writerName) {
        if (incompatibility.getType() == SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE) {
            // Avro's message for this type is just the field name.
            return "field '" + incompatibility.getMessage() + "' has no default value and is missing from "
                    + writerName;
        }
        return incompatibility.getMessage();
    }
}
