package io.callstream.deploy.stack;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * How {@code stack --secure} locks its broker: SASL/SCRAM-SHA-512 on the client listener, where every stage logs in
 * as its own principal, and {@code StandardAuthorizer} with {@code allow.everyone.if.no.acl.found=false}, so a
 * principal can do only what an ACL grants it ({@link StageAccess}).
 *
 * <p>The stack itself is the super user {@value #SUPER_USER}, on listeners of its own (the controller's and an
 * internal one, inter-broker traffic included) with SASL/PLAIN: SCRAM credentials live in the cluster's metadata and
 * can only be created once the broker runs, so the user that creates them must be known to the broker's
 * configuration. Its password is random per start and never leaves this process. No listener accepts a client
 * without credentials: a PLAINTEXT controller listener would hand anyone who reaches it the super user's rights,
 * as {@code ANONYMOUS} would have to be one. No TLS: the listeners are on 127.0.0.1 only.
 */
public final class BrokerSecurity {

    public static final String SUPER_USER = "callstream-stack";
    public static final String CLIENT_MECHANISM = "SCRAM-SHA-512";
    static final String CLIENT_LISTENER = "CLIENT";
    static final String INTERNAL_LISTENER = "INTERNAL";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String superUserPassword;

    private BrokerSecurity(String superUserPassword) {
        this.superUserPassword = superUserPassword;
    }

    /** A new random super-user password. */
    public static BrokerSecurity generate() {
        return new BrokerSecurity(randomSecret());
    }

    /** 24 random bytes, base64url: no quote, backslash or space, so it sits in JAAS and shell quotes as it is. */
    static String randomSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Replaces the listener settings of an unsecured single node with the secured ones. */
    void apply(Properties p, int clientPort, int internalPort, int controllerPort) {
        p.put("listeners", CLIENT_LISTENER + "://127.0.0.1:" + clientPort + "," + INTERNAL_LISTENER + "://127.0.0.1:"
                + internalPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", CLIENT_LISTENER + "://127.0.0.1:" + clientPort + "," + INTERNAL_LISTENER
                + "://127.0.0.1:" + internalPort);
        p.put("listener.security.protocol.map", CLIENT_LISTENER + ":SASL_PLAINTEXT," + INTERNAL_LISTENER
                + ":SASL_PLAINTEXT," + CONTROLLER_LISTENER + ":SASL_PLAINTEXT");
        p.put("inter.broker.listener.name", INTERNAL_LISTENER);
        p.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("listener.name.client.sasl.enabled.mechanisms", CLIENT_MECHANISM);
        p.put("listener.name.client.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        // One JAAS entry per PLAIN listener serves both sides: the users it accepts and the login the node uses
        // when it connects to itself (the broker to its controller, inter-broker requests).
        String plain = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + SUPER_USER
                + "\" password=\"" + superUserPassword + "\" user_" + SUPER_USER + "=\"" + superUserPassword + "\";";
        for (String listener : new String[] {"internal", "controller"}) {
            p.put("listener.name." + listener + ".sasl.enabled.mechanisms", "PLAIN");
            p.put("listener.name." + listener + ".plain.sasl.jaas.config", plain);
        }
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("super.users", "User:" + SUPER_USER);
    }

    /** Client properties of the super user, on the internal listener. */
    Map<String, Object> superUserClient(String internalBootstrap) {
        return Map.of(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, internalBootstrap,
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
                SaslConfigs.SASL_MECHANISM, "PLAIN",
                SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"" + SUPER_USER + "\" password=\"" + superUserPassword + "\";");
    }

    @Override
    public String toString() {
        return "BrokerSecurity[SASL_PLAINTEXT " + CLIENT_MECHANISM + ", super user " + SUPER_USER + ", redacted]";
    }
}
