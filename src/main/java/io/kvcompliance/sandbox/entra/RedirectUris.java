package io.kvcompliance.sandbox.entra;

import io.kvcompliance.sandbox.model.ApplicationDef;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Matches a requested {@code redirect_uri} against an app registration the way Entra ID does
 * (ENTRADOCS identity-platform/reply-url.md): exact match, a registered URI without a path equals the
 * same URI with "/", and for public clients a registered {@code http://localhost} or
 * {@code http://127.0.0.1} loopback URI matches any port (RFC 8252 §7.3) — and any path when the
 * registration has none — because native apps listen on an ephemeral port.
 */
public final class RedirectUris {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private RedirectUris() {
    }

    public static boolean matches(ApplicationDef app, String requested) {
        if (requested == null || requested.isBlank()) {
            return false;
        }
        for (String registered : app.redirectUris()) {
            if (sameUri(registered, requested) || (app.publicClient() && loopbackMatch(registered, requested))) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameUri(String registered, String requested) {
        return registered.equals(requested) || withSlash(registered).equals(withSlash(requested));
    }

    private static String withSlash(String uri) {
        URI u = parse(uri);
        return u != null && (u.getRawPath() == null || u.getRawPath().isEmpty()) && u.getRawQuery() == null
                ? uri + "/" : uri;
    }

    static boolean loopbackMatch(String registered, String requested) {
        URI reg = parse(registered);
        URI req = parse(requested);
        if (reg == null || req == null || !"http".equalsIgnoreCase(reg.getScheme())
                || !"http".equalsIgnoreCase(req.getScheme()) || req.getRawQuery() != null
                || req.getRawFragment() != null) {
            return false;
        }
        String host = lower(reg.getHost());
        if (!LOOPBACK.contains(host) || !host.equals(lower(req.getHost()))) {
            return false;
        }
        String regPath = reg.getRawPath() == null ? "" : reg.getRawPath();
        return regPath.isEmpty() || regPath.equals("/") || regPath.equals(req.getRawPath());
    }

    private static URI parse(String uri) {
        try {
            URI u = new URI(uri);
            return u.isAbsolute() ? u : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
