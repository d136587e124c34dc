package io.kvcompliance.sandbox.model;

import java.util.List;

/** An access-policy entry; permission strings keep the fixture's casing, as the service mixes cases. */
public record AccessPolicyDef(
        String tenantId,
        String objectId,
        String applicationId,
        List<String> keys,
        List<String> secrets,
        List<String> certificates,
        List<String> storage) {

    public AccessPolicyDef {
        keys = Lists.orEmpty(keys);
        secrets = Lists.orEmpty(secrets);
        certificates = Lists.orEmpty(certificates);
        storage = Lists.orEmpty(storage);
    }
}
