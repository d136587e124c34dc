package io.kvcompliance.azure;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;

/**
 * {@link EgressGuard} as the first element of Apache HttpClient 5's execution chain: it runs before
 * the connection is leased, so a refused request never resolves, connects to or handshakes with its
 * host (a request interceptor would run only after the connection is open).
 */
public final class EgressGuardExecInterceptor implements ExecChainHandler {
    /** The name it is registered under in the client's chain. */
    public static final String NAME = "kv-egress-guard";
    private final EgressGuard guard;

    public EgressGuardExecInterceptor(EgressGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        guard.check(request.getMethod(), target(request, scope));
        return chain.proceed(request, scope);
    }

    /** The URL the request will really reach: the route's target host with the request's path and query. */
    private static URI target(ClassicHttpRequest request, ExecChain.Scope scope) {
        HttpHost host = scope.route.getTargetHost();
        try {
            URI uri = request.getUri();
            return new URI(host.getSchemeName(), null, host.getHostName(), host.getPort(), uri.getPath(), uri.getQuery(), null);
        } catch (URISyntaxException e) {
            return null; // unparsable: refused like a foreign host, fail closed
        }
    }
}
