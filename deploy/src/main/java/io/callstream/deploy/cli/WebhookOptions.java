package io.callstream.deploy.cli;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.callstream.sink.webhook.WebhookEndpoint;
import picocli.CommandLine.Option;

/** The webhooks alerts are POSTed to, signed with a secret read from the environment, for {@code alerts} and {@code demo}. */
final class WebhookOptions {

    @Option(names = "--webhook", paramLabel = "URL",
            description = "POST each alert here, signed with the shared secret; repeat for several endpoints.")
    List<URI> webhooks = new ArrayList<>();

    @Option(names = "--webhook-secret-env", paramLabel = "NAME", defaultValue = "CALLSTREAM_WEBHOOK_SECRET",
            description = "The environment variable holding the webhooks' shared secret (default: ${DEFAULT-VALUE}); "
                    + "the secret itself never goes on the command line, where ps would show it.")
    String secretVariable;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "" + WebhookEndpoint.DEFAULT_MAX_ATTEMPTS,
            description = "Attempts per alert and webhook before it becomes a dead letter (default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    /** The endpoints, or none; a webhook without its secret, or not http(s), says what to do. */
    List<WebhookEndpoint> endpoints(UnaryOperator<String> environment) {
        if (webhooks.isEmpty()) {
            return List.of();
        }
        String secret = environment.apply(secretVariable);
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("--webhook needs the shared secret in the environment variable "
                    + secretVariable + ", which is not set (--webhook-secret-env names another).");
        }
        List<WebhookEndpoint> endpoints = new ArrayList<>();
        for (URI url : webhooks) {
            if (url.getHost() == null || !List.of("http", "https").contains(url.getScheme())) {
                throw new IllegalArgumentException("--webhook takes an http:// or https:// URL, not " + url);
            }
            // Named by host and port for the log and dead letters; two on one host only share a name there.
            endpoints.add(WebhookEndpoint.of(url.getAuthority(), url, secret).withMaxAttempts(maxAttempts));
        }
        return endpoints;
    }
}
