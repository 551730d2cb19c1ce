package io.callstream.ingest.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.callstream.schemas.calls.CompanySource;

/**
 * What a corpus says about its calls beside the transcripts, for backtests and replays of files that carry no
 * metadata of their own: a sidecar {@code NAME.meta.json} next to a file ({@code 4320211_Monro-Inc.meta.json} for
 * {@code 4320211_Monro-Inc.txt}), or a {@code calls.csv} in the file's folder with a row per file. Fields: {@code
 * call_id}, {@code company}, {@code ticker}, {@code fiscal_period}, {@code start} (an ISO instant,
 * {@code 2017-02-22T22:30:00Z}); the csv names its file in a {@code file} column. The sidecar wins over the csv field by
 * field, and the user's flags win over both. A manifest that cannot be read stops the file with a message naming it
 * and the place, rather than being skipped.
 */
public final class CallManifest {

    public static final String CSV = "calls.csv";
    public static final String SIDECAR_SUFFIX = ".meta.json";
    private static final Set<String> FIELDS = Set.of("call_id", "company", "ticker", "fiscal_period", "start");
    private static final ObjectMapper JSON = new ObjectMapper();

    private CallManifest() {
    }

    /** {@code flags} completed with what the manifests beside {@code file} say of it. */
    public static CallOverrides overridesFor(Path file, CallOverrides flags) {
        Map<String, String> fields = new LinkedHashMap<>(csvRow(file));
        fields.putAll(sidecar(file));
        if (fields.isEmpty()) {
            return flags;
        }
        String where = "the manifest of " + file.getFileName();
        Instant start;
        try {
            start = fields.get("start") == null ? null : Instant.parse(fields.get("start"));
        } catch (DateTimeParseException e) {
            throw new BadInputException(where + ": start '" + fields.get("start")
                    + "' is not an ISO instant (write it as 2017-02-22T22:30:00Z)", e);
        }
        boolean flagged = flags.company() != null && !flags.company().isBlank();
        return new CallOverrides(
                first(flags.callId(), fields.get("call_id")),
                first(flags.company(), fields.get("company")),
                first(flags.ticker(), fields.get("ticker")),
                first(flags.fiscalPeriod(), fields.get("fiscal_period")),
                flags.scheduledStart() != null ? flags.scheduledStart() : start,
                flagged ? flags.companySource() : fields.get("company") != null ? CompanySource.MANIFEST : null);
    }

    /** The sidecar's fields, or none where there is no sidecar. */
    static Map<String, String> sidecar(Path file) {
        Path sidecar = file.resolveSibling(stem(file) + SIDECAR_SUFFIX);
        if (!Files.isRegularFile(sidecar)) {
            return Map.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(sidecar, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new BadInputException(sidecar.getFileName() + " is not JSON: " + e.getMessage()
                    + " (write an object such as {\"company\": \"Tesla, Inc.\", \"ticker\": \"TSLA\"})", e);
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(sidecar.getFileName() + " must hold one JSON object of the call's fields "
                    + FIELDS);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!FIELDS.contains(field.getKey())) {
                throw new BadInputException(sidecar.getFileName() + ": unknown field '" + field.getKey()
                        + "' (known: " + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
            if (!field.getValue().isNull()) {
                if (!field.getValue().isTextual()) {
                    throw new BadInputException(sidecar.getFileName() + ": '" + field.getKey() + "' must be a string");
                }
                put(fields, field.getKey(), field.getValue().asText());
            }
        }
        return fields;
    }

    /** The fields of {@code file}'s row in the {@code calls.csv} of its folder, or none. */
    static Map<String, String> csvRow(Path file) {
        Path csv = file.resolveSibling(CSV);
        if (!Files.isRegularFile(csv)) {
            return Map.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException(csv + " cannot be read (" + e.getMessage() + ")", e);
        }
        if (lines.isEmpty()) {
            return Map.of();
        }
        List<String> header = cells(lines.get(0), csv, 1);
        if (!header.contains("file")) {
            throw new BadInputException(csv + ":1: the header has no 'file' column (columns: file, "
                    + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
        }
        for (String column : header) {
            if (!column.equals("file") && !FIELDS.contains(column)) {
                throw new BadInputException(csv + ":1: unknown column '" + column + "' (known: file, "
                        + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        String name = file.getFileName().toString();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> row = cells(lines.get(i), csv, i + 1);
            if (row.size() != header.size()) {
                throw new BadInputException(csv + ":" + (i + 1) + ": " + row.size() + " cells for " + header.size()
                        + " columns");
            }
            if (name.equals(row.get(header.indexOf("file")))) {
                Map<String, String> fields = new LinkedHashMap<>();
                for (int c = 0; c < header.size(); c++) {
                    if (!header.get(c).equals("file")) {
                        put(fields, header.get(c), row.get(c));
                    }
                }
                return fields;
            }
        }
        return Map.of();
    }

    private static void put(Map<String, String> fields, String key, String value) {
        if (value != null && !value.isBlank()) {
            fields.put(key, value.strip());
        }
    }

    /** One CSV line's cells (RFC 4180 quoting: "a, b" is one cell, "" inside quotes is a quote). */
    static List<String> cells(String line, Path csv, int number) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new BadInputException(csv + ":" + number + ": a quote is not closed");
        }
        cells.add(cell.toString());
        return cells;
    }

    /** The file's name without its last extension. */
    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String first(String flag, String manifest) {
        return flag != null && !flag.isBlank() ? flag : manifest;
    }
}
