package io.kvcompliance.auth;

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
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicNameValuePair;

/**
 * A browser over HTTP for the connect flow's tests: opens the sandbox's authorize page, picks the user
 * and accepts consent with the page's form, then delivers Entra's form_post answer to the loopback
 * callback, recording every page it saw.
 */
public final class LoginPagesBrowser implements AuthorizationCodeSignIn.Browser, Closeable {
    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\"");

    /** One page the browser received. */
    public record Page(String url, int status, String body) {
    }

    private final Sandbox sandbox;
    private final String user;
    private final CloseableHttpClient http;
    private final List<Page> pages = new ArrayList<>();

    public LoginPagesBrowser(Sandbox sandbox, String user) {
        this.sandbox = sandbox;
        this.user = user;
        http = HttpClients.custom().disableRedirectHandling().setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(sandbox.hostOverrides())
                        .setTlsSocketStrategy(ClientTlsStrategyBuilder.create()
                                .setSslContext(sandbox.tls().clientContext()).buildClassic()).build()).build();
    }

    @Override
    public void open(URI authorizeUrl) throws IOException {
        Page signIn = send(new HttpGet(authorizeUrl));
        Map<String, String> form = hidden(signIn.body());
        form.put("user", user);
        form.put("consent", "accept");
        Page formPost = post(sandbox.authorityHost() + action(signIn.body()), form);
        // Entra's form_post page: a self-submitting form whose action is the redirect URI
        post(action(formPost.body()), hidden(formPost.body()));
    }

    public List<Page> pages() {
        return pages;
    }

    private Page post(String url, Map<String, String> fields) throws IOException {
        HttpPost post = new HttpPost(URI.create(url));
        List<NameValuePair> pairs = new ArrayList<>();
        fields.forEach((k, v) -> pairs.add(new BasicNameValuePair(k, v)));
        post.setEntity(new UrlEncodedFormEntity(pairs, StandardCharsets.UTF_8));
        return send(post);
    }

    private Page send(HttpUriRequestBase request) throws IOException {
        String url;
        try {
            url = request.getUri().toString();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        Page page = http.execute(request, r -> new Page(url, r.getCode(),
                r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity())));
        pages.add(page);
        return page;
    }

    private static String action(String body) {
        Matcher m = FORM.matcher(body);
        if (!m.find()) {
            throw new AssertionError("no form on the page: " + body);
        }
        return unescape(m.group(1));
    }

    private static Map<String, String> hidden(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = HIDDEN.matcher(body);
        while (m.find()) {
            out.put(unescape(m.group(1)), unescape(m.group(2)));
        }
        return out;
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
