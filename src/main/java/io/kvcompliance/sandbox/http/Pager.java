package io.kvcompliance.sandbox.http;

import io.kvcompliance.sandbox.model.ListFault;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Serves any list the way Azure pages it: an absolute nextLink carrying an opaque {@code $skiptoken}
 * (sometimes percent-encoded as {@code %24skiptoken}, sometimes with an explicit {@code :443}), pages
 * no larger than the list's cap, optional empty pages that still carry a nextLink, and the targeted
 * faults of a vault's list (a malformed second page, a nextLink that loops, a foreign nextLink).
 * Items are read by index from the list, so a generated tenant is never materialised.
 */
public final class Pager {
    /** One paged list: its identity (for tokens and variants), items and JSON mapping. */
    public record Listing<T>(String listKey, List<T> items, int pageSize, ListFault fault,
                             Function<T, Object> mapper, boolean nullNextLinkOnLastPage) {
    }

    private final SandboxSettings settings;

    public Pager(SandboxSettings settings) {
        this.settings = settings;
    }

    public <T> SandboxResponse page(SandboxRequest req, Listing<T> listing) {
        Cursor cursor = Cursor.decode(req.query("$skiptoken"), listing.listKey());
        if (cursor == null) {
            return SandboxResponse.json(400, Map.of("error", Map.of("code", "InvalidSkipToken",
                    "message", "The provided $skiptoken is not valid for this list.")));
        }
        int size = listing.items().size();
        int pageIndex = cursor.offset() / listing.pageSize();
        if (settings.emptyPageEvery() > 0 && !cursor.emptyServed() && cursor.offset() < size
                && (pageIndex + 1) % settings.emptyPageEvery() == 0) {
            return body(List.of(), nextLink(req, listing, new Cursor(cursor.offset(), true)), listing);
        }
        int end = Math.min(size, cursor.offset() + listing.pageSize());
        List<Object> values = new ArrayList<>(end - cursor.offset());
        for (int i = cursor.offset(); i < end; i++) {
            values.add(listing.mapper().apply(listing.items().get(i)));
        }
        String next = end < size ? nextLink(req, listing, new Cursor(end, false)) : null;
        if (listing.fault() == ListFault.MALFORMED_PAGE && cursor.offset() > 0) {
            String text = body(values, next, listing).bodyText();
            return SandboxResponse.json(200, text.substring(0, Math.max(1, text.length() / 2)));
        }
        if (listing.fault() == ListFault.LOOPING_NEXT_LINK && cursor.offset() > 0 && next != null) {
            next = "https://" + req.hostHeader() + req.pathAndQuery();
        }
        if (listing.fault() == ListFault.FOREIGN_NEXT_LINK && cursor.offset() == 0 && next != null) {
            next = next.replaceFirst("^https://[^/]+", "https://" + settings.foreignHost());
        }
        return body(values, next, listing);
    }

    private static SandboxResponse body(List<Object> values, String next, Listing<?> listing) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("value", values);
        if (next != null || listing.nullNextLinkOnLastPage()) {
            out.put("nextLink", next);
        }
        return SandboxResponse.json(200, out);
    }

    private String nextLink(SandboxRequest req, Listing<?> listing, Cursor cursor) {
        int variant = settings.nextLinkVariants()
                ? (int) (Seeded.uniform(settings.seed(), "variant", listing.listKey(), cursor.offset()) * 3) : 0;
        // the default port is dropped first, so each page picks its own form whatever the previous link carried
        String authority = req.hostHeader().endsWith(":443")
                ? req.hostHeader().substring(0, req.hostHeader().length() - 4) : req.hostHeader();
        if (variant == 2 && !authority.contains(":")) {
            authority = authority + ":443";
        }
        StringBuilder url = new StringBuilder("https://").append(authority).append(req.path()).append('?');
        req.queryParameters().forEach((name, values) -> {
            if (!name.equals("$skiptoken")) {
                values.forEach(v -> url.append(encode(name)).append('=').append(encode(v)).append('&'));
            }
        });
        url.append(variant == 1 ? "%24skiptoken=" : "$skiptoken=").append(cursor.encode(listing.listKey()));
        return url.toString();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%24", "$").replace("+", "%20");
    }

    /** Position in a list, opaque to clients: base64url of list fingerprint, offset and empty-page flag. */
    record Cursor(int offset, boolean emptyServed) {
        String encode(String listKey) {
            String raw = Long.toHexString(Seeded.hash(0, listKey)) + ":" + offset + ":" + (emptyServed ? 1 : 0);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String token, String listKey) {
            if (token == null || token.isEmpty()) {
                return new Cursor(0, false);
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
                if (parts.length != 3 || !parts[0].equals(Long.toHexString(Seeded.hash(0, listKey)))) {
                    return null;
                }
                return new Cursor(Integer.parseInt(parts[1]), parts[2].equals("1"));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
