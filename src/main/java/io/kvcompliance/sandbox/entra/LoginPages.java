package io.kvcompliance.sandbox.entra;

import io.kvcompliance.sandbox.entra.EntraDirectory.HomedUser;
import java.util.List;
import java.util.Locale;

/**
 * The HTML a browser sees at the sandbox's login host: the sign-in + consent page, Entra's
 * self-submitting form_post page, error pages and the device code pages. Plain forms without
 * script (except form_post's auto-submit), so a test can drive them with an HTTP client.
 */
final class LoginPages {
    private LoginPages() {
    }

    static String signIn(AuthorizeRequest r, List<HomedUser> users, String preselect) {
        StringBuilder html = head("Sign in to your account");
        html.append("<h1>Sign in</h1>\n<p>Application <b>").append(esc(r.app().app().displayName()))
                .append("</b> (").append(esc(r.clientId())).append(") wants to sign you in.</p>\n")
                .append("<form method=\"post\" action=\"/").append(esc(r.ref().segment()))
                .append("/oauth2/v2.0/authorize\">\n");
        r.params().forEach((k, v) -> html.append(hidden(k, v)));
        html.append("<fieldset><legend>Pick an account</legend>\n");
        for (HomedUser u : users) {
            String upn = u.user().userPrincipalName();
            html.append("<label><input type=\"radio\" name=\"user\" value=\"").append(esc(upn)).append('"')
                    .append(upn.equalsIgnoreCase(preselect) ? " checked" : "").append("> ")
                    .append(esc(u.user().displayName())).append(" &lt;").append(esc(upn)).append("&gt;</label><br>\n");
        }
        html.append("</fieldset>\n<h2>Permissions requested</h2>\n<ul>\n")
                .append("<li>Sign you in and read your profile (openid, profile)</li>\n");
        if (r.scopes().offlineAccess()) {
            html.append("<li>Maintain access to data you have given it access to (offline_access)</li>\n");
        }
        for (String s : r.scopes().resourceScopes()) {
            html.append("<li>Access ").append(esc(r.scopes().resource())).append(" as you (").append(esc(s))
                    .append(")</li>\n");
        }
        html.append("</ul>\n<button type=\"submit\" name=\"consent\" value=\"accept\">Accept</button>\n")
                .append("<button type=\"submit\" name=\"consent\" value=\"deny\">Cancel</button>\n</form>\n");
        return tail(html);
    }

    /** Entra's form_post answer: a hidden form that the browser submits to the redirect URI on load. */
    static String formPost(AuthorizationResponse response) {
        StringBuilder html = new StringBuilder("<html><head><title>Working...</title></head>")
                .append("<body onload=\"document.forms[0].submit()\">\n<form method=\"POST\" name=\"hiddenform\"")
                .append(" action=\"").append(esc(response.redirectUri())).append("\">\n");
        response.fields().forEach((k, v) -> html.append(hidden(k, v)));
        html.append("<noscript><p>Script is disabled. Click Submit to continue.</p>")
                .append("<input type=\"submit\" value=\"Submit\" /></noscript>\n</form>\n</body></html>\n");
        return html.toString();
    }

    static String error(EntraError error, String correlationId) {
        StringBuilder html = head("Sign in to your account");
        html.append("<h1>Sorry, but we're having trouble signing you in.</h1>\n<p id=\"error\">AADSTS")
                .append(error.code()).append(": ").append(esc(error.message())).append("</p>\n<p>Correlation ID: ")
                .append(esc(correlationId)).append("</p>\n");
        return tail(html);
    }

    static String device(String prefill, List<HomedUser> users, String problem) {
        StringBuilder html = head("Enter code");
        html.append("<h1>Enter code</h1>\n<p>Enter the code displayed on your app or device.</p>\n");
        if (problem != null) {
            html.append("<p id=\"error\">").append(esc(problem)).append("</p>\n");
        }
        html.append("<form method=\"post\" action=\"/device\">\n<input type=\"text\" name=\"user_code\" value=\"")
                .append(esc(prefill == null ? "" : prefill)).append("\" autocomplete=\"off\">\n<fieldset>")
                .append("<legend>Pick an account</legend>\n");
        for (HomedUser u : users) {
            html.append("<label><input type=\"radio\" name=\"user\" value=\"")
                    .append(esc(u.user().userPrincipalName())).append('"')
                    .append(u.user().isDefault() ? " checked" : "")
                    .append("> ").append(esc(u.user().displayName())).append("</label><br>\n");
        }
        html.append("</fieldset>\n<button type=\"submit\" name=\"action\" value=\"approve\">Continue</button>\n")
                .append("<button type=\"submit\" name=\"action\" value=\"decline\">Cancel</button>\n</form>\n");
        return tail(html);
    }

    static String message(String title, String text) {
        return tail(head(title).append("<h1>").append(esc(title)).append("</h1>\n<p>").append(esc(text))
                .append("</p>\n"));
    }

    private static StringBuilder head(String title) {
        return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append("</title></head>\n<body>\n<p><i>keyvault-compliance sandbox — simulated")
                .append(" Microsoft Entra ID</i></p>\n");
    }

    private static String tail(StringBuilder html) {
        return html.append("</body></html>\n").toString();
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + esc(name) + "\" value=\"" + esc(value) + "\" />\n";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String preselect(String loginHint, List<HomedUser> users) {
        if (loginHint != null
                && users.stream().anyMatch(u -> u.user().userPrincipalName().equalsIgnoreCase(loginHint))) {
            return loginHint;
        }
        return users.stream().filter(u -> u.user().isDefault()).findFirst()
                .or(() -> users.stream().findFirst()).map(u -> u.user().userPrincipalName()).orElse("")
                .toLowerCase(Locale.ROOT);
    }
}
