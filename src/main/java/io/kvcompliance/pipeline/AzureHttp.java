package io.kvcompliance.pipeline;

import io.kvcompliance.azure.CloudEndpoints;
import io.kvcompliance.azure.EgressGuard;
import io.kvcompliance.azure.EgressGuardExecInterceptor;
import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client plumbing beneath every route: one connection pool that reaches the cloud's hosts
 * (connect-to overrides, trust store, timeouts) and the egress guard, installed on the http and https
 * components so that no route, however edited, can send a write or a value read to Azure.
 */
final class AzureHttp {
    private AzureHttp() {
    }

    static PoolingHttpClientConnectionManager connections(CloudEndpoints cloud, int connectTimeoutMs, int socketTimeoutMs,
                                                          int maxConnections) {
        return PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(cloud.connectTo())
                .setTlsSocketStrategy(new DefaultClientTlsStrategy(cloud.sslContext()))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMilliseconds(connectTimeoutMs))
                        .setSocketTimeout(Timeout.ofMilliseconds(socketTimeoutMs)).build())
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                .build();
    }

    /**
     * Puts the guard first in the execution chain (before any connection is opened) and turns off the
     * client's own retries: RetryPolicy is the only one.
     */
    static HttpClientConfigurer guarded(EgressGuard guard) {
        EgressGuardExecInterceptor interceptor = new EgressGuardExecInterceptor(guard);
        return builder -> builder.addExecInterceptorFirst(EgressGuardExecInterceptor.NAME, interceptor)
                .disableAutomaticRetries().disableRedirectHandling();
    }
}
