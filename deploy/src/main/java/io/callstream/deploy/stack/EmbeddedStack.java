package io.callstream.deploy.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.callstream.schemas.registry.RegistryAuth;
import io.callstream.schemas.registry.RegistryClientConfig;
import io.callstream.schemas.registry.server.InProcessSchemaRegistry;
import io.callstream.schemas.registry.server.RegistryAccess;
import io.callstream.schemas.topics.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.SaslAuthenticationException;

/**
 * The embedded default: a real KRaft broker and the in-process schema registry, in this JVM. One way to get a
 * stack, shared by {@code demo}, {@code stack} and the integration tests.
 */
public final class EmbeddedStack implements AutoCloseable {

    /** The registry user of a secured stack; the registry authorizes no further than "a stage of this stack". */
    public static final String REGISTRY_USER = "callstream";
    /** SCRAM's iterations: 4096 is Kafka's minimum and what its own tools use. */
    private static final int SCRAM_ITERATIONS = 8192;
    private static final Duration SECURITY_READY_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedKafkaBroker broker;
    private final InProcessSchemaRegistry registry;
    private final List<StageCredentials> stages;
    /** {@code user:secret} of a secured registry; null when it is open. */
    private final String registryUserInfo;

    private EmbeddedStack(EmbeddedKafkaBroker broker, InProcessSchemaRegistry registry) {
        this(broker, registry, List.of(), null);
    }

    private EmbeddedStack(EmbeddedKafkaBroker broker, InProcessSchemaRegistry registry,
                          List<StageCredentials> stages, String registryUserInfo) {
        this.broker = broker;
        this.registry = registry;
        this.stages = List.copyOf(stages);
        this.registryUserInfo = registryUserInfo;
    }

    /**
     * The port a registry answers on by convention (Confluent Schema Registry's default), which is also where
     * callstream's commands look for one when none is named.
     */
    public static final int CONVENTIONAL_REGISTRY_PORT = 8081;

    /** A stack whose broker data lives in a temporary folder, gone on close, and whose registry has a free port. */
    public static EmbeddedStack start() {
        return assemble(EmbeddedKafkaBroker.start(), 0);
    }

    /**
     * A stack for people to use ({@code callstream stack}): the registry on {@code registryPort} (0 for any free
     * one), the broker's data kept in {@code dataDir} across restarts, or in a temporary folder where it is null.
     */
    public static EmbeddedStack start(Path dataDir, int registryPort) {
        return assemble(dataDir == null ? EmbeddedKafkaBroker.start() : EmbeddedKafkaBroker.start(dataDir, false),
                registryPort);
    }

    /**
     * A secured stack ({@code callstream stack --secure}): the broker with SASL/SCRAM-SHA-512 and ACLs
     * ({@link BrokerSecurity}), one SCRAM user per stage allowed only what {@link StageAccess} grants it, created
     * with the Admin API once the broker runs, and the registry wanting HTTP Basic credentials
     * ({@value #REGISTRY_USER}). Passwords are random per start. Returns once every stage can log in and every ACL
     * is in force on the broker, so a client started next is not refused by a grant still on its way.
     */
    public static EmbeddedStack startSecured(Path dataDir, int registryPort) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startSecured(dataDir, BrokerSecurity.generate());
        InProcessSchemaRegistry registry = null;
        try {
            List<StageCredentials> stages = new ArrayList<>();
            for (StageAccess stage : StageAccess.values()) {
                stages.add(new StageCredentials(stage, BrokerSecurity.randomSecret(), broker.bootstrapServers()));
            }
            grant(broker, stages, TopicNames.defaults());
            String registrySecret = BrokerSecurity.randomSecret();
            registry = InProcessSchemaRegistry.startSecured(registryPort, RegistryAccess.basic(REGISTRY_USER,
                    registrySecret));
            return new EmbeddedStack(broker, registry, stages, REGISTRY_USER + ":" + registrySecret);
        } catch (RuntimeException e) {
            if (registry != null) {
                registry.close();
            }
            broker.close();
            throw e;
        }
    }

    private static void grant(EmbeddedKafkaBroker broker, List<StageCredentials> stages, TopicNames topics) {
        List<UserScramCredentialUpsertion> users = new ArrayList<>();
        List<AclBinding> acls = new ArrayList<>();
        for (StageCredentials stage : stages) {
            users.add(new UserScramCredentialUpsertion(stage.stage().user(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), stage.password()));
            acls.addAll(stage.stage().acls(topics));
        }
        try (Admin admin = Admin.create(broker.adminProperties())) {
            admin.alterUserScramCredentials(List.copyOf(users)).all().get();
            admin.createAcls(acls).all().get();
            // Both travel through the metadata log to the broker's caches after the controller commits them.
            long deadline = System.nanoTime() + SECURITY_READY_TIMEOUT.toNanos();
            while (admin.describeAcls(AclBindingFilter.ANY).values().get().size() < acls.size()) {
                awaitOrFail(deadline, "the stages' ACLs to reach the broker");
            }
            for (StageCredentials stage : stages) {
                while (!canLogIn(stage)) {
                    awaitOrFail(deadline, stage.stage().principal() + "'s SCRAM credentials to reach the broker");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while securing the embedded stack", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not create the stages' credentials and ACLs: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    private static boolean canLogIn(StageCredentials stage) throws InterruptedException {
        Map<String, Object> props = new HashMap<>(stage.clientProperties());
        props.put("request.timeout.ms", "5000");
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SaslAuthenticationException) {
                return false;
            }
            throw new IllegalStateException(stage.stage().principal() + " cannot reach the broker: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            return false;
        }
    }

    private static void awaitOrFail(long deadline, String what) throws InterruptedException {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("Timed out after " + SECURITY_READY_TIMEOUT + " waiting for " + what);
        }
        Thread.sleep(50); // polling the broker's view: metadata has no "applied" notification for clients
    }

    private static EmbeddedStack assemble(EmbeddedKafkaBroker broker, int registryPort) {
        try {
            return new EmbeddedStack(broker, InProcessSchemaRegistry.start(registryPort));
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public StackEndpoints endpoints() {
        return new StackEndpoints(bootstrapServers(), schemaRegistryUrl());
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return registry.url();
    }

    /** Whether this is a {@link #startSecured} stack. */
    public boolean secured() {
        return !stages.isEmpty();
    }

    /** Each stage's credentials on a secured stack, in pipeline order; empty when unsecured. */
    public List<StageCredentials> stageCredentials() {
        return stages;
    }

    /** One stage's credentials on a secured stack. */
    public StageCredentials credentials(StageAccess stage) {
        return stages.stream().filter(s -> s.stage() == stage).findFirst()
                .orElseThrow(() -> new IllegalStateException("This stack is not secured: no " + stage + " credentials"));
    }

    /** How to reach this stack's registry, credentials included when it is secured. */
    public RegistryClientConfig registryConfig() {
        return RegistryClientConfig.of(schemaRegistryUrl())
                .withAuth(registryUserInfo == null ? RegistryAuth.none() : RegistryAuth.basic(registryUserInfo));
    }

    /**
     * {@code user:secret} for {@code SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO} on a secured stack, to print for the
     * person who started it; never log it.
     */
    public String registryUserInfoForPrinting() {
        if (!secured()) {
            throw new IllegalStateException("This stack's registry is open: it has no credentials");
        }
        return registryUserInfo;
    }

    /** Client properties with every right on the broker: the stack's own, for creating topics and the like. */
    public Map<String, Object> adminProperties() {
        return broker.adminProperties();
    }

    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            broker.close();
        }
    }
}
