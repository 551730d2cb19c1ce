package io.callstream.deploy.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.callstream.avro.CallEvent;
import io.callstream.avro.DeadLetter;
import io.callstream.ingest.http.IngestHttpConfig;
import io.callstream.ingest.http.IngestHttpServer;
import io.callstream.ingest.http.IngestProducer;
import io.callstream.schemas.http.BearerAuth;
import io.callstream.schemas.http.HttpServerLimits;
import io.callstream.schemas.registry.SchemaRegistryClient;
import io.callstream.schemas.registry.Subjects;
import io.callstream.schemas.topics.CallTopics;
import io.callstream.schemas.topics.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

@Command(name = "http", mixinStandardHelpOptions = true,
        description = {"Take call events over HTTP from live feeds, until Ctrl-C.",
                "POST /v1/events with one event in canonical JSON (application/json) or a batch, one per line"
                        + " (application/x-ndjson), and 'Authorization: Bearer TOKEN'. Each answer comes once Kafka has"
                        + " acknowledged: 200 all accepted; 400 some lines refused (listed; the good ones are kept;"
                        + " each refused line also goes to the dead-letter topic); 401 no or wrong token; 413 over the"
                        + " size limit; 503 Kafka did not acknowledge (resend: accepted events are not produced twice)."
                        + " GET /health answers 200 while Kafka takes what is sent."})
final class IngestHttpCommand implements Callable<Integer> {

    static final String TOKEN_ENV = "CALLSTREAM_INGEST_TOKEN";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private KafkaOptions kafka;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = IngestHttpConfig.DEFAULT_HOST,
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    private String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to listen on, 0 for a free one (default: ${DEFAULT-VALUE}).")
    private int port;

    // No ${DEFAULT-VALUE} in the description: --help must not print the token.
    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:" + TOKEN_ENV + "}",
            description = "The bearer token clients must send (default: the " + TOKEN_ENV + " environment variable,"
                    + " which keeps it out of the process list).")
    private String token;

    @Option(names = "--no-auth", description = "Take requests without a token. Only on a trusted network.")
    private boolean noAuth;

    @Option(names = "--max-request-bytes", paramLabel = "BYTES",
            defaultValue = "" + IngestHttpConfig.DEFAULT_MAX_REQUEST_BYTES,
            description = "Largest request body (a batch) taken; larger ones are answered 413 (default: "
                    + "${DEFAULT-VALUE}). Each line's text is limited to 32 KiB whatever this is (422).")
    private long maxRequestBytes;

    @Option(names = "--request-timeout", paramLabel = "SECONDS",
            defaultValue = "" + HttpServerLimits.DEFAULT_REQUEST_TIMEOUT_SECONDS,
            description = "Time a request (headers and body) may take to arrive before its connection is closed"
                    + " (default: ${DEFAULT-VALUE}).")
    private long requestTimeoutSeconds;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "" + HttpServerLimits.DEFAULT_MAX_CONNECTIONS,
            description = "Connections served at once, each on a thread; more are closed at once"
                    + " (default: ${DEFAULT-VALUE}).")
    private int maxConnections;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Topic of call events (default: ${DEFAULT-VALUE}).")
    private String topic = TopicNames.defaults().callEvents();

    @Option(names = "--dead-letter-topic", paramLabel = "TOPIC",
            description = "Topic of refused lines (default: ${DEFAULT-VALUE}).")
    private String deadLetterTopic = TopicNames.defaults().deadLetters();

    @Override
    public Integer call() throws Exception {
        BearerAuth auth = auth();
        Map<String, String> clients = kafka.clientProperties();
        String bootstrap = clients.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        IngestHttpConfig config;
        try {
            IngestHttpConfig chosen = IngestHttpConfig.defaults(auth).withHost(host).withPort(port)
                    .withMaxRequestBytes(maxRequestBytes);
            config = chosen.withLimits(chosen.limits().withRequestTimeout(Duration.ofSeconds(requestTimeoutSeconds))
                    .withMaxConnections(maxConnections));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        TopicNames defaults = TopicNames.defaults();
        TopicNames names = new TopicNames(topic, defaults.callTurns(), defaults.enrichedTurns(), defaults.qa(),
                defaults.alerts(), deadLetterTopic);
        requireTopics(clients, List.of(names.callEvents(), names.deadLetters()));
        SchemaRegistryClient registry = kafka.registryClient();
        // Registering up front checks the registry now, not on the first event a feed sends.
        registry.register(Subjects.valueSubject(names.callEvents()), CallEvent.getClassSchema());
        registry.register(Subjects.valueSubject(names.deadLetters()), DeadLetter.getClassSchema());
        CallTopics topics = new CallTopics(names, registry);

        IngestProducer producer = IngestProducer.create(clients, topics.callEvents(), topics.deadLetters());
        IngestHttpServer server;
        try {
            server = IngestHttpServer.start(config, producer);
        } catch (RuntimeException e) {
            producer.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // The server first: requests in flight still need the producer for their acknowledgements.
            try {
                server.close();
            } finally {
                producer.close();
                stopped.countDown();
            }
        }, "callstream-ingest-http-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("Listening on " + server.eventsUri() + " (health: " + server.baseUri() + "/health)");
        out.println("Events to " + names.callEvents() + ", refused lines to " + names.deadLetters() + " on "
                + bootstrap + "; " + (auth.enabled() ? "bearer token required" : "NO authentication") + ".");
        out.println("Running; Ctrl-C stops it.");
        out.flush();
        stopped.await();
        return 0;
    }

    private BearerAuth auth() {
        boolean hasToken = token != null && !token.isBlank();
        if (noAuth && hasToken) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Both a token and --no-auth were given;"
                    + " choose one (unset " + TOKEN_ENV + " to run without authentication).");
        }
        if (noAuth) {
            return BearerAuth.disabled();
        }
        if (!hasToken) {
            throw new CommandLine.ParameterException(spec.commandLine(), "No token: set " + TOKEN_ENV
                    + " (or --token), or pass --no-auth to take requests without authentication.");
        }
        return BearerAuth.token(token.strip());
    }

    /** Fails at start, not on the first request, when a topic is missing (brokers here do not auto-create). */
    private static void requireTopics(Map<String, String> clients, List<String> needed) throws InterruptedException {
        String bootstrap = clients.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        try (Admin admin = Admin.create(Map.<String, Object>copyOf(clients))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> missing = needed.stream().filter(t -> !existing.contains(t)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException("Topic(s) " + String.join(", ", missing) + " do not exist on "
                        + bootstrap + "; create them first ('callstream stack' creates the pipeline's topics).");
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot reach Kafka at " + bootstrap + " to check the topics: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }
}
