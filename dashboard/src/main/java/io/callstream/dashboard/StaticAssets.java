package io.callstream.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;

/**
 * Files from one classpath folder (inside the jar): the page, its scripts and styles, the OpenAPI document. A name is
 * one plain file name with a known extension: no folders, no leading dot, so no name can reach outside the folder
 * (nor list a folder, which a class loader reading a directory would do).
 */
final class StaticAssets {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("map", "application/json; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private final String folder;

    /** @param folder an absolute classpath folder, e.g. {@code /io/callstream/dashboard/static/} */
    StaticAssets(String folder) {
        this.folder = folder.endsWith("/") ? folder : folder + "/";
    }

    /** Answers the file, or 404 if there is no such file (or the name is not a plain file name). */
    void serve(HttpExchange exchange, String name) throws IOException {
        byte[] body = read(name);
        if (body == null) {
            HttpAnswers.error(exchange, 404, "No such file: " + name);
            return;
        }
        // The page and its files change with each build, and are small: always revalidated.
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        HttpAnswers.bytes(exchange, 200, type(name), body);
    }

    /** The file's bytes, or null. */
    byte[] read(String name) throws IOException {
        if (!NAME.matcher(name).matches() || type(name) == null) {
            return null;
        }
        try (InputStream in = StaticAssets.class.getResourceAsStream(folder + name)) {
            return in == null ? null : in.readAllBytes();
        }
    }

    /** The content type by extension, or null for a file the dashboard does not serve. */
    static String type(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.get(extension);
    }
}
