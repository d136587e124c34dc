package io.kvcompliance.sandbox.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * Root of a sandbox tenant fixture file: the tenants, their principals and Azure estate, and the
 * server-side page caps the fixture wants (see README "Sandbox fixtures").
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record TenantFixture(
        String description,
        List<TenantDef> tenants,
        Map<String, Integer> pageCaps) {

    public TenantFixture {
        tenants = Lists.orEmpty(tenants);
        pageCaps = pageCaps == null ? Map.of() : Map.copyOf(pageCaps);
    }
}
