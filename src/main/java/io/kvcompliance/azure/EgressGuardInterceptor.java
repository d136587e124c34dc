package io.kvcompliance.azure;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpRequestInterceptor;
import org.apache.hc.core5.http.protocol.HttpContext;

/** {@link EgressGuard} as an Apache HttpClient 5 request interceptor, to install on camel-http's client. */
// HttpClient runs protocol interceptors before it opens a connection, for every request and redirect hop
public final class EgressGuardInterceptor implements HttpRequestInterceptor {
    private final EgressGuard guard;

    public EgressGuardInterceptor(EgressGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    @Override
    public void process(HttpRequest request, EntityDetails entity, HttpContext context) {
        URI uri;
        try {
            uri = request.getUri();
        } catch (URISyntaxException e) {
            uri = null; // an unparsable URL is refused like a foreign host: fail closed
        }
        // a relative URI has no host to check, so the guard refuses it like a foreign one
        guard.check(request.getMethod(), uri);
    }
}
