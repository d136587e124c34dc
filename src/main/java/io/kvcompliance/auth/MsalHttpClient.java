package io.kvcompliance.auth;

import com.microsoft.aad.msal4j.HttpRequest;
import com.microsoft.aad.msal4j.HttpResponse;
import com.microsoft.aad.msal4j.IHttpClient;
import com.microsoft.aad.msal4j.IHttpResponse;
import io.kvcompliance.azure.HostOverrides;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * msal4j's HTTP transport on Apache HttpClient 5 (classic), so sign-in traffic gets the same trust
 * store, "connect-to" host overrides and timeouts as the rest of the collector. msal4j's own default
 * client has no read timeout (0 = wait forever) and cannot map a host name to another address while
 * keeping it for TLS; this one verifies host names and never logs headers or bodies (they carry
 * tokens, codes and client secrets).
 */
public final class MsalHttpClient implements IHttpClient, Closeable {
    private final CloseableHttpClient client;

    /**
     * @param sslContext trust material; null uses the JVM's default trust store
     * @param overrides  host-to-address mapping; null resolves names with system DNS
     */
    public MsalHttpClient(SSLContext sslContext, HostOverrides overrides, Duration connectTimeout,
                          Duration readTimeout) {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        PoolingHttpClientConnectionManagerBuilder pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(ClientTlsStrategyBuilder.create().setSslContext(context(sslContext))
                        .setHostnameVerifier(new DefaultHostnameVerifier()).buildClassic())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout)).setSocketTimeout(Timeout.of(readTimeout))
                        .build());
        if (overrides != null) {
            pool.setDnsResolver(overrides);
        }
        // Entra's endpoints never redirect an API call, and msal4j retries 5xx itself (once, after 1 s)
        this.client = HttpClients.custom().setConnectionManager(pool.build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(readTimeout)).build())
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement().build();
    }

    private static SSLContext context(SSLContext given) {
        try {
            return given != null ? given : SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("No default TLS context in this JVM", e);
        }
    }

    @Override
    public IHttpResponse send(HttpRequest request) throws IOException {
        HttpUriRequestBase out = new HttpUriRequestBase(request.httpMethod().methodName,
                URI.create(request.url().toString()));
        String contentType = null;
        if (request.headers() != null) {
            for (Map.Entry<String, String> h : request.headers().entrySet()) {
                if (h.getKey().equalsIgnoreCase("Content-Type")) {
                    contentType = h.getValue();
                } else if (h.getValue() != null) {
                    out.addHeader(h.getKey(), h.getValue());
                }
            }
        }
        if (request.body() != null) {
            ContentType type = contentType != null ? ContentType.parse(contentType)
                    : ContentType.APPLICATION_FORM_URLENCODED.withCharset(StandardCharsets.UTF_8);
            out.setEntity(new StringEntity(request.body(), type));
        }
        return client.execute(out, MsalHttpClient::toMsal);
    }

    private static HttpResponse toMsal(ClassicHttpResponse response) throws IOException, ParseException {
        HttpEntity entity = response.getEntity();
        String body = entity == null ? "" : EntityUtils.toString(entity, StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header h : response.getHeaders()) {
            headers.computeIfAbsent(h.getName(), k -> new ArrayList<>()).add(h.getValue());
        }
        HttpResponse out = new HttpResponse().statusCode(response.getCode()).body(body);
        out.addHeaders(headers);
        return out;
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
