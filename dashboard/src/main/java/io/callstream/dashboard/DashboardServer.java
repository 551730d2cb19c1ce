package io.callstream.dashboard;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.callstream.schemas.http.JdkHttpServers;
import io.callstream.schemas.http.LimitedHttpServer;
import io.callstream.schemas.http.Workers;

/**
 * The live dashboard: the page, a JSON API over {@link LiveCalls} and server-sent event streams of its changes, on
 * the JDK's HTTP server. Every route but {@code /health/*}, {@code /metrics} and the page's static files needs the
 * token (see {@link TokenGate}); the routes are {@link #routes()}, each described in {@code openapi.json}.
 *
 * <p>Clients are held to the config's {@link io.callstream.schemas.http.HttpServerLimits}: a request must arrive
 * within the request timeout, or its connection is closed, so slow clients cannot hold the threads; pages and JSON
 * are answered by a few workers, 503 when they and their queue are full, while {@code /health/*} and
 * {@code /metrics} take no worker, to answer probes under load. Event streams, which each hold a thread while open,
 * run on an executor of their own (at most {@code maxStreams}), so watchers cannot starve the API; the request
 * timeout ends when a stream's request has arrived, so streams stay open as long as their watchers like.
 */
public final class DashboardServer implements AutoCloseable {

    /** Where the page's files are, in the jar: index.html, app.js, app.css. */
    public static final String BUNDLED_PAGE = "/io/callstream/dashboard/static/";
    private static final String OWN_FILES = "/io/callstream/dashboard/";
    /**
     * The page only loads its own scripts and styles and talks to its own origin: transcript text that slipped into
     * the DOM as HTML could run nothing. Inline scripts, inline style elements and event-handler attributes are off.
     */
    private static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final LimitedHttpServer server;
    private final EventStreams streams;
    private final Router router;
    private final DashboardConfig config;

    private DashboardServer(LimitedHttpServer server, EventStreams streams, Router router, DashboardConfig config) {
        this.server = server;
        this.streams = streams;
        this.router = router;
        this.config = config;
    }

    /** Starts serving {@code calls}, with the page from the jar. */
    public static DashboardServer start(DashboardConfig config, LiveCalls calls, DashboardHooks hooks) {
        return start(config, calls, hooks, BUNDLED_PAGE);
    }

    /**
     * The same server with only {@code /health/live}, {@code /health/ready} and {@code /metrics}, for a process with
     * no dashboard to show (the store sink); {@code /} says so. {@code config}'s token guards nothing there.
     */
    public static DashboardServer startMonitoring(DashboardConfig config, DashboardHooks hooks) {
        return start(config, null, hooks, BUNDLED_PAGE);
    }

    /**
     * @param calls      what the page and the API show; null for a server of the monitoring routes alone
     * @param pageFolder the classpath folder holding index.html and the files under {@code /assets/}
     */
    public static DashboardServer start(DashboardConfig config, LiveCalls calls, DashboardHooks hooks,
                                        String pageFolder) {
        LimitedHttpServer server;
        try {
            server = LimitedHttpServer.create(new InetSocketAddress(InetAddress.getByName(config.host()),
                    config.port()), config.limits(), "dashboard");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + config.host() + ":" + config.port() + " ("
                    + e.getMessage() + "); is the port taken? Pass port 0 for a free one.", e);
        }
        int port = server.port();
        Workers workers = server.workers();
        EventStreams streams = new EventStreams(calls,
                Executors.newCachedThreadPool(JdkHttpServers.daemonThreads("dashboard-" + port + "-stream-")),
                config.maxStreams(), config.keepAlive());
        StaticAssets page = new StaticAssets(pageFolder);
        StaticAssets own = new StaticAssets(OWN_FILES);
        CallsApi api = new CallsApi(calls);
        TokenGate gate = new TokenGate(config.token());
        List<Route> monitoring = List.of(
                new Route("/health/live", true, (x, r) -> health(x, hooks.live())),
                new Route("/health/ready", true, (x, r) -> health(x, hooks.ready())),
                new Route("/metrics", true, (x, r) -> metrics(x, hooks.metricsText())));
        Router router = new Router(calls == null ? monitoringOnly(monitoring) : Stream.concat(Stream.of(
                new Route("/", true, working(workers, (x, r) -> index(x, page, gate, r.query()))),
                new Route("/assets/{file}", true, working(workers, (x, r) -> page.serve(x, r.path("file")))),
                new Route("/api/openapi.json", false, working(workers, (x, r) -> own.serve(x, "openapi.json"))),
                new Route("/api/calls", false, working(workers, api::list)),
                new Route("/api/events", false, working(workers, streams::global)),
                new Route("/api/calls/{callId}", false, working(workers, api::one)),
                new Route("/api/calls/{callId}/turns", false, working(workers, api::turns)),
                new Route("/api/calls/{callId}/exchanges", false, working(workers, api::exchanges)),
                new Route("/api/calls/{callId}/alerts", false, working(workers, api::alerts)),
                new Route("/api/calls/{callId}/timeline", false, working(workers, api::timeline)),
                new Route("/api/calls/{callId}/events", false, working(workers, streams::call))),
                monitoring.stream()).toList(),
                gate);
        server.handle("/", router);
        server.start();
        return new DashboardServer(server, streams, router, config);
    }

    /**
     * The route's work on one of the workers, or 503 when they and their queue are full. An event stream's route
     * only hands its exchange to the streams' executor, so a stream holds a worker for a moment, not while open.
     */
    private static Route.Handler working(Workers workers, Route.Handler handler) {
        return (exchange, request) -> {
            // Every route is a GET, whose body means nothing: read it away first (within the request timeout),
            // so that one trickled slowly holds its connection's thread and not a worker.
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            try {
                if (!workers.enter()) {
                    exchange.getResponseHeaders().set("Retry-After", "1");
                    HttpAnswers.error(exchange, 503, "The dashboard is busy; try again in a moment.");
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                HttpAnswers.error(exchange, 503, "The dashboard is shutting down.");
                return;
            }
            try {
                handler.handle(exchange, request);
            } finally {
                workers.exit();
            }
        };
    }

    private static List<Route> monitoringOnly(List<Route> monitoring) {
        Route root = new Route("/", true, (x, r) -> HttpAnswers.error(x, 404,
                "No dashboard here: this port serves /health/live, /health/ready and /metrics."));
        return Stream.concat(Stream.of(root), monitoring.stream()).toList();
    }

    /**
     * The page needs the token like the API: without it the answer is 401. Its body is still the page, which holds
     * no data, so that the browser shows the user where the token is rather than a bare error. Its scripts and
     * styles need no token (a script tag cannot send it).
     */
    private static void index(HttpExchange exchange, StaticAssets page, TokenGate gate, QueryParams query)
            throws IOException {
        boolean allowed = gate.allows(exchange, query);
        byte[] body = page.read("index.html");
        if (body == null) {
            HttpAnswers.error(exchange, 404, "The dashboard page is not in this build; the API is at /api/.");
            return;
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.getResponseHeaders().set("Content-Security-Policy", PAGE_POLICY);
        if (!allowed) {
            gate.challenge(exchange);
        }
        HttpAnswers.bytes(exchange, allowed ? 200 : 401, StaticAssets.type("index.html"), body);
    }

    private static void health(HttpExchange exchange, Supplier<Health> check) throws IOException {
        Health health = check.get();
        ObjectNode body = LiveJson.JSON.createObjectNode().put("status", health.up() ? "UP" : "DOWN");
        ObjectNode details = body.putObject("details");
        new TreeMap<>(health.details()).forEach(details::put);
        HttpAnswers.json(exchange, health.up() ? 200 : 503, body);
    }

    private static void metrics(HttpExchange exchange, Supplier<String> text) throws IOException {
        if (text == null) {
            HttpAnswers.error(exchange, 404, "This dashboard exports no metrics.");
            return;
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        HttpAnswers.text(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", text.get());
    }

    /** The path template of every route, e.g. {@code /api/calls/{callId}/turns}. */
    public List<String> routes() {
        return router.routes().stream().map(Route::template).toList();
    }

    /** Which routes answer without the token. */
    public Map<String, Boolean> openRoutes() {
        Map<String, Boolean> open = new TreeMap<>();
        router.routes().forEach(r -> open.put(r.template(), r.open()));
        // The page is routed past the gate but checks the token itself, answering 401 (with the page) without it.
        open.put("/", false);
        return open;
    }

    public int port() {
        return server.port();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080/}. */
    public URI baseUri() {
        String host = config.host();
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + port() + "/");
    }

    /** The page's URL with the token, to open in a browser: {@code http://127.0.0.1:8080/?token=T}. */
    public URI url() {
        return baseUri().resolve("/?token=" + URLEncoder.encode(config.token(), StandardCharsets.UTF_8));
    }

    /** Event streams open now. */
    public int openStreams() {
        return streams.openStreams();
    }

    /** Ends every event stream, stops listening and stops the threads; requests in flight are cut short. */
    @Override
    public void close() {
        streams.close();
        server.close();
    }

}
