package io.kvcompliance.azure;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/** The allowlist of read-only metadata operations, enforced beneath every route by {@link EgressGuardInterceptor}. */
public final class EgressGuard {
    // dot segments and encoded slashes could make an allowed-looking path reach another operation
    private static final Pattern NON_CANONICAL = Pattern.compile("(^|/)\\.{1,2}(/|$)|%2e|%2f|%5c|//",
            Pattern.CASE_INSENSITIVE);

    private final CloudEndpoints cloud;
    private final AtomicLong refusals = new AtomicLong();

    public EgressGuard(CloudEndpoints cloud) {
        this.cloud = cloud;
    }

    /** Every operation the guard lets through, with the RBAC action each needs (the README's table). */
    public static List<ReadOnlyOperation> operations() {
        return ReadOnlyOperations.all();
    }

    /**
     * Returns the allowed operation a request is, or throws {@link EgressDeniedException} naming the
     * method, the URL without its query string and the reason.
     */
    public ReadOnlyOperation check(String method, URI uri) {
        boolean arm = cloud.isResourceManager(uri);
        if (!arm && !cloud.isVault(uri)) {
            throw refuse(method, uri, "bearer tokens only go to the configured Azure hosts ("
                    + cloud.resourceManagerEndpoint() + " and https://*" + cloud.keyVaultDnsSuffix() + ")");
        }
        String raw = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (NON_CANONICAL.matcher(raw).find()) {
            throw refuse(method, uri, "its path has dot segments or encoded slashes");
        }
        if (!"GET".equals(method)) {
            throw refuse(method, uri, "keyvault-compliance never changes anything, it only sends GET");
        }
        String path = raw.length() > 1 && raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        Optional<ReadOnlyOperation> op = arm ? ReadOnlyOperations.resourceManager(path)
                : ReadOnlyOperations.keyVault(path);
        return op.orElseThrow(() -> refuse(method, uri, arm ? ReadOnlyOperations.NOT_LISTED
                : ReadOnlyOperations.dataPlaneRefusal(path)));
    }

    /** Requests refused since start, for the sync summary; any non-zero value is a bug worth a look. */
    public long refusals() {
        return refusals.get();
    }

    private EgressDeniedException refuse(String method, URI uri, String reason) {
        refusals.incrementAndGet();
        return new EgressDeniedException("Refused " + method + " " + PagedUrls.withoutQuery(uri) + ": " + reason
                + ". keyvault-compliance only calls the listed read-only metadata operations (GET on the"
                + " configured Resource Manager and Key Vault hosts; see EgressGuard.operations() and the README)");
    }
}
