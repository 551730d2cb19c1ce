package io.callstream.deploy.stack;

import java.util.LinkedHashMap;
import java.util.Map;

import io.callstream.deploy.config.KafkaEnvironment;

/**
 * What one stage needs to log in to a secured stack: its SCRAM user and password, as the {@code KAFKA_*} variables
 * the commands read ({@link KafkaEnvironment}). {@code toString()} never shows the password.
 */
public record StageCredentials(StageAccess stage, String password, String bootstrapServers) {

    /**
     * KAFKA_BOOTSTRAP_SERVERS, KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM and KAFKA_SASL_JAAS_CONFIG, in that
     * order.
     */
    public Map<String, String> kafkaVariables() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        variables.put("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        variables.put("KAFKA_SASL_MECHANISM", BrokerSecurity.CLIENT_MECHANISM);
        variables.put("KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                + " username=\"" + stage.user() + "\" password=\"" + password + "\";");
        return variables;
    }

    /** The same as Kafka client properties. */
    public Map<String, String> clientProperties() {
        return KafkaEnvironment.properties(kafkaVariables());
    }

    @Override
    public String toString() {
        return "StageCredentials[" + stage.principal() + " on " + bootstrapServers + ", password redacted]";
    }
}
