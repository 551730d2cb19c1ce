package io.callstream.dashboard;

import java.io.IOException;

import com.sun.net.httpserver.HttpExchange;
import io.callstream.schemas.http.BearerAuth;

/**
 * The dashboard's token check: {@code Authorization: Bearer <token>}, or {@code ?token=<token>} for what cannot set
 * a header (the browser's {@code EventSource}, and the page's own URL). The comparison is ingest's
 * {@link BearerAuth}: constant time. A request that sends the header is judged by the header alone.
 */
final class TokenGate {

    private static final String CHALLENGE = "Bearer realm=\"callstream\"";

    private final BearerAuth auth;

    TokenGate(String token) {
        this.auth = BearerAuth.token(token);
    }

    /** Whether the request carries the token; answers nothing. */
    boolean allows(HttpExchange exchange, QueryParams query) {
        return auth.check(presented(exchange, query)) == BearerAuth.Verdict.ALLOWED;
    }

    /** Marks an answer as refused for want of the token (the status is the caller's: 401). */
    void challenge(HttpExchange exchange) {
        exchange.getResponseHeaders().set("WWW-Authenticate", CHALLENGE);
    }

    private static String presented(HttpExchange exchange, QueryParams query) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String queryToken = query.first("token");
        return header != null ? header : queryToken == null ? null : "Bearer " + queryToken;
    }

    /** True if the request may go on; otherwise it has been answered 401. */
    boolean admit(HttpExchange exchange, QueryParams query) throws IOException {
        switch (auth.check(presented(exchange, query))) {
            case ALLOWED:
                return true;
            case MISSING:
                exchange.getResponseHeaders().set("WWW-Authenticate", CHALLENGE);
                HttpAnswers.error(exchange, 401, "A token is needed: Authorization: Bearer <token>, or ?token=<token>.");
                return false;
            default:
                exchange.getResponseHeaders().set("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\"");
                HttpAnswers.error(exchange, 401, "The token is not valid.");
                return false;
        }
    }
}
