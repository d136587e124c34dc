package io.kvcompliance.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.util.Timeout;

/**
 * A plain HTTPS client for sandbox tests: HttpClient5 over real TLS, trusting the sandbox's
 * certificate, with the sandbox host names mapped onto its listener (as the collector does).
 */
final class SandboxTestClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A response: status, headers (case-insensitive) and body. */
    record Reply(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.get(name);
        }
    }

    private final CloseableHttpClient http;

    SandboxTestClient(Sandbox sandbox) {
        this.http = HttpClients.custom().disableAutomaticRetries().setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(sandbox.hostOverrides())
                        .setTlsSocketStrategy(new DefaultClientTlsStrategy(sandbox.tls().clientContext()))
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.ofSeconds(5))
                                .setSocketTimeout(Timeout.ofSeconds(30)).build())
                        .setMaxConnPerRoute(20).setMaxConnTotal(50).build()).build();
    }

    Reply get(String url, String token) throws IOException {
        return send("GET", url, token, null);
    }

    Reply send(String method, String url, String token, String body) throws IOException {
        HttpUriRequestBase request = new HttpUriRequestBase(method, java.net.URI.create(url));
        if (token != null) {
            request.setHeader("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON));
        }
        return execute(request);
    }

    private Reply execute(HttpUriRequestBase request) throws IOException {
        return http.execute(request, response -> {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (Header h : response.getHeaders()) {
                headers.put(h.getName(), h.getValue());
            }
            String text = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            return new Reply(response.getCode(), headers, text);
        });
    }

    /** POSTs an application/x-www-form-urlencoded body, as OAuth clients do. */
    Reply sendForm(String url, String form) throws IOException {
        HttpUriRequestBase request = new HttpUriRequestBase("POST", java.net.URI.create(url));
        request.setEntity(new ByteArrayEntity(form.getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_FORM_URLENCODED));
        return execute(request);
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
