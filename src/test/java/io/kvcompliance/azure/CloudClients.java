package io.kvcompliance.azure;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.core5.http.HttpRequestInterceptor;

/** HttpClient 5 clients built from a CloudEndpoints the way the collector's camel-http client will be. */
final class CloudClients {
    private CloudClients() {
    }

    static CloseableHttpClient client(CloudEndpoints cloud, HttpRequestInterceptor... interceptors) {
        HttpClientBuilder builder = HttpClients.custom().setConnectionManager(PoolingHttpClientConnectionManagerBuilder
                        .create().setDnsResolver(cloud.connectTo())
                        .setTlsSocketStrategy(ClientTlsStrategyBuilder.create().setSslContext(cloud.sslContext())
                                .setHostnameVerifier(new DefaultHostnameVerifier()).buildClassic())
                        .build())
                .disableAutomaticRetries();
        for (HttpRequestInterceptor interceptor : interceptors) {
            builder.addRequestInterceptorFirst(interceptor);
        }
        return builder.build();
    }

    /** Status of a GET, body discarded. */
    static int status(CloseableHttpClient client, String url) throws Exception {
        return client.execute(new HttpGet(url), response -> response.getCode());
    }
}
