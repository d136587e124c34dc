package io.kvcompliance.sandbox.entra;

import io.kvcompliance.sandbox.Sandbox;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.entity.UrlEncodedFormEntity;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicNameValuePair;

/** Plays the user's browser against the sandbox's login pages over HTTPS, through the host overrides. */
final class BrowserClient implements Closeable {
    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\"");
    private static final Pattern RADIO = Pattern.compile("<input type=\"radio\" name=\"user\" value=\"([^\"]*)\"( checked)?");

    /** One page: status, Location header and body. */
    record Page(int status, String location, String body) {
        String formAction() {
            Matcher m = FORM.matcher(body);
            return m.find() ? unescape(m.group(1)) : null;
        }

        Map<String, String> hiddenFields() {
            Map<String, String> out = new LinkedHashMap<>();
            Matcher m = HIDDEN.matcher(body);
            while (m.find()) {
                out.put(unescape(m.group(1)), unescape(m.group(2)));
            }
            return out;
        }

        List<String> users() {
            List<String> out = new ArrayList<>();
            Matcher m = RADIO.matcher(body);
            while (m.find()) {
                out.add(unescape(m.group(1)));
            }
            return out;
        }

        String checkedUser() {
            Matcher m = RADIO.matcher(body);
            while (m.find()) {
                if (m.group(2) != null) {
                    return unescape(m.group(1));
                }
            }
            return null;
        }
    }

    private final CloseableHttpClient http;

    BrowserClient(Sandbox sandbox) {
        http = HttpClients.custom().disableRedirectHandling().setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(sandbox.hostOverrides())
                        .setTlsSocketStrategy(ClientTlsStrategyBuilder.create()
                                .setSslContext(sandbox.tls().clientContext()).buildClassic()).build()).build();
    }

    Page get(String url) throws IOException {
        return send(new HttpGet(URI.create(url)));
    }

    Page post(String url, Map<String, String> fields) throws IOException {
        HttpPost post = new HttpPost(URI.create(url));
        List<NameValuePair> pairs = new ArrayList<>();
        fields.forEach((k, v) -> pairs.add(new BasicNameValuePair(k, v)));
        post.setEntity(new UrlEncodedFormEntity(pairs, StandardCharsets.UTF_8));
        return send(post);
    }

    private Page send(HttpUriRequestBase request) throws IOException {
        return http.execute(request, response -> {
            Header location = response.getFirstHeader("Location");
            String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity());
            return new Page(response.getCode(), location == null ? null : location.getValue(), body);
        });
    }

    static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
