package io.kvcompliance.azure;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/** URL comparisons for paging: same origin, the canonical form nextLinks are compared in, and safe printing. */
final class PagedUrls {
    private static final String HEX = "0123456789ABCDEF";

    private PagedUrls() {
    }

    /** Same scheme and host (case-insensitive) and the same effective port: ":443" equals no port on https. */
    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && CloudEndpoints.effectivePort(a) == CloudEndpoints.effectivePort(b) && b.getRawUserInfo() == null;
    }

    static String origin(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
    }

    /** For messages: no query string (skip tokens are opaque and long, and other APIs put credentials there). */
    static String withoutQuery(URI uri) {
        if (uri == null) {
            return "(none)";
        }
        return uri.getHost() == null ? String.valueOf(uri.getRawPath()) : origin(uri) + uri.getRawPath();
    }

    /**
     * The URL as the server sees it: Key Vault and ARM write the same page as {@code $skiptoken} or
     * {@code %24skiptoken}, with or without ":443" (azure-api-facts §9), so those forms must compare equal.
     */
    static String canonical(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = CloudEndpoints.effectivePort(uri);
        boolean defaultPort = port == ("http".equals(scheme) ? 80 : 443);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port)
                + decodeSafe(uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?" + decodeSafe(uri.getRawQuery()));
    }

    /** 64 bits of SHA-256 of the canonical URL: at 100,000 pages a false loop has odds of about 1 in 10^9. */
    static long hash(URI uri) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical(uri).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** Decodes percent-escapes of unreserved characters and '$' (RFC 3986 §6.2.2.2); upper-cases the rest. */
    private static String decodeSafe(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            int hi = i + 2 < raw.length() && c == '%' ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int lo = hi >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
            if (lo < 0) {
                out.append(c);
                continue;
            }
            char decoded = (char) (hi * 16 + lo);
            if (Character.isLetterOrDigit(decoded) && decoded < 128 || "-._~$".indexOf(decoded) >= 0) {
                out.append(decoded);
            } else {
                out.append('%').append(HEX.charAt(hi)).append(HEX.charAt(lo));
            }
            i += 2;
        }
        return out.toString();
    }
}
