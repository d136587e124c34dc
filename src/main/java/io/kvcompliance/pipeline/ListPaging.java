package io.kvcompliance.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvcompliance.azure.CloudEndpoints;
import io.kvcompliance.azure.PagedList;
import java.net.URI;
import java.util.List;

/**
 * Starts and advances the paging state of one list for the azure-list route: a nextLink is followed
 * only on the host of the list's own API (Resource Manager, or that same vault), so a bearer token
 * never leaves for another host.
 */
public final class ListPaging {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final CloudEndpoints cloud;

    public ListPaging(CloudEndpoints cloud) {
        this.cloud = cloud;
    }

    public PagedList begin(String firstUrl) {
        URI first = URI.create(firstUrl);
        if (cloud.isVault(first)) {
            String vault = cloud.vaultName(first).orElseThrow();
            return new PagedList(first, next -> cloud.vaultName(next).map(vault::equalsIgnoreCase).orElse(false));
        }
        return new PagedList(first, cloud::isResourceManager);
    }

    /** The body of a single-object GET (a vault's full properties) as JSON; not JSON is a malformed answer. */
    public JsonNode single(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new io.kvcompliance.azure.MalformedPageException("The answer is not JSON (" + e.getMessage() + ")", e);
        }
    }

    /** The items of the page just read; the list then knows its next URL, or that it is complete. */
    public List<JsonNode> accept(PagedList list, String body) {
        return list.accept(body).items();
    }
}
