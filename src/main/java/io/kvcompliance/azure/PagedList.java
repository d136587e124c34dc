package io.kvcompliance.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/** The paging state of one list call (ARM or Key Vault alike): checks each page and says which URL is next. */
// Not thread-safe: one instance per list, fed its pages in order. It refuses nextLinks that leave the
// list's host, loop or never end, and remembers only 64-bit hashes of the URLs it followed, never bodies.
public final class PagedList {
    public static final int DEFAULT_MAX_PAGES = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One page's items and the next page's URL (null when the list is complete). */
    public record Page(List<JsonNode> items, URI next) {
        public boolean hasNext() {
            return next != null;
        }
    }

    private final URI first;
    private final Predicate<URI> allowedHost;
    private final int maxPages;
    private final Set<Long> visited = new HashSet<>();
    private URI current;
    private long pages;
    private long items;

    public PagedList(URI firstUrl, Predicate<URI> allowedHost) {
        this(firstUrl, allowedHost, DEFAULT_MAX_PAGES);
    }

    /** @param allowedHost the API's host only, e.g. {@code cloud::isResourceManager}; nextLinks must pass it */
    public PagedList(URI firstUrl, Predicate<URI> allowedHost, int maxPages) {
        this.first = Objects.requireNonNull(firstUrl, "firstUrl");
        this.allowedHost = Objects.requireNonNull(allowedHost, "allowedHost");
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be at least 1, was " + maxPages);
        }
        if (!firstUrl.isAbsolute() || firstUrl.getHost() == null || !allowedHost.test(firstUrl)) {
            throw new IllegalArgumentException("The first URL of a list must be on the API's host: "
                    + PagedUrls.withoutQuery(firstUrl));
        }
        this.maxPages = maxPages;
        this.current = firstUrl;
        visited.add(PagedUrls.hash(firstUrl));
    }

    /** The URL to GET next, or null when the list is complete. */
    public URI nextUrl() {
        return current;
    }

    public boolean hasNext() {
        return current != null;
    }

    public long pages() {
        return pages;
    }

    public long items() {
        return items;
    }

    /** Parses and accepts the body of {@link #nextUrl()}; text that is not JSON is a malformed page. */
    public Page accept(String body) {
        try {
            return accept(JSON.readTree(body == null ? "" : body));
        } catch (JsonProcessingException e) {
            throw malformed("it is not JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    /** Accepts the body of {@link #nextUrl()}: its items, and the next URL once it is known to be safe. */
    public Page accept(JsonNode body) {
        if (current == null) {
            throw new IllegalStateException("The list " + PagedUrls.withoutQuery(first) + " is already complete");
        }
        if (body == null || !body.isObject() || !body.path("value").isArray()) {
            throw malformed("it is not a JSON object with a \"value\" array", null);
        }
        URI next = nextLink(body.get("nextLink"));
        List<JsonNode> values = new ArrayList<>(body.get("value").size());
        body.get("value").forEach(values::add);
        pages++;
        items += values.size();
        // an empty page that still carries a nextLink is not the end (azure-api-facts §9): keep following
        if (next != null && pages >= maxPages) {
            throw new PageLimitExceededException("The list " + PagedUrls.withoutQuery(first) + " still had a nextLink"
                    + " after " + pages + " pages, the limit per list; raise it if the list is really that long");
        }
        current = next;
        return new Page(values, next);
    }

    private URI nextLink(JsonNode node) {
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isEmpty())) {
            return null;
        }
        if (!node.isTextual()) {
            throw malformed("its nextLink is not a string", null);
        }
        URI next;
        try {
            next = new URI(node.asText());
        } catch (URISyntaxException e) {
            throw malformed("its nextLink is not a URL (" + e.getReason() + ")", e);
        }
        if (!next.isAbsolute() || next.getHost() == null) {
            throw malformed("its nextLink is not an absolute URL", null);
        }
        if (!PagedUrls.sameOrigin(first, next) || !allowedHost.test(next)) {
            throw new ForeignNextLinkException("Page " + (pages + 1) + " of " + PagedUrls.withoutQuery(first)
                    + " has a nextLink to " + PagedUrls.origin(next) + ", not the list's host "
                    + PagedUrls.origin(first) + ": not followed, so the bearer token never goes there;"
                    + " the list is incomplete");
        }
        if (!visited.add(PagedUrls.hash(next))) {
            throw new NextLinkLoopException("Page " + (pages + 1) + " of " + PagedUrls.withoutQuery(first)
                    + " has a nextLink this list already followed (" + PagedUrls.withoutQuery(next)
                    + "): stopped instead of paging forever; the list is incomplete");
        }
        return next;
    }

    private MalformedPageException malformed(String what, Throwable cause) {
        return new MalformedPageException("Page " + (pages + 1) + " of " + PagedUrls.withoutQuery(first) + " (from "
                + PagedUrls.withoutQuery(current) + ") is malformed: " + what + "; the list is incomplete", cause);
    }
}
