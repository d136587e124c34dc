package io.kvcompliance.azure;

import io.kvcompliance.azure.RetryPolicy.Api;

/** One GET keyvault-compliance sends: its path template as Microsoft documents it and the RBAC action it needs. */
public record ReadOnlyOperation(Api api, String name, String pathTemplate, String rbacAction) {
}
