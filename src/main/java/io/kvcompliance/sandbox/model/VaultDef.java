package io.kvcompliance.sandbox.model;

import java.util.List;
import java.util.Map;

/**
 * A key vault with every property ARM reports, its objects, access policies, role assignments at
 * its scope and diagnostic settings. Boxed booleans stay null when the fixture omits them, because
 * Azure omits them too (an absent enablePurgeProtection means "not enabled").
 * {@code faults} targets one list of this vault with a paging fault (see {@link ListFault}).
 */
public record VaultDef(
        String name,
        String location,
        Map<String, String> tags,
        String sku,
        Boolean enableSoftDelete,
        Integer softDeleteRetentionInDays,
        Boolean enablePurgeProtection,
        Boolean enableRbacAuthorization,
        String publicNetworkAccess,
        NetworkAclsDef networkAcls,
        List<PrivateEndpointConnectionDef> privateEndpointConnections,
        Boolean enabledForDeployment,
        Boolean enabledForDiskEncryption,
        Boolean enabledForTemplateDeployment,
        String createdAt,
        List<AccessPolicyDef> accessPolicies,
        List<RoleAssignmentDef> roleAssignments,
        List<DenyAssignmentDef> denyAssignments,
        List<DiagnosticSettingDef> diagnosticSettings,
        List<KeyDef> keys,
        List<SecretDef> secrets,
        List<CertificateDef> certificates,
        Map<String, ListFault> faults) {

    public VaultDef {
        tags = Lists.orEmpty(tags);
        sku = sku == null ? "standard" : sku;
        privateEndpointConnections = Lists.orEmpty(privateEndpointConnections);
        accessPolicies = Lists.orEmpty(accessPolicies);
        roleAssignments = Lists.orEmpty(roleAssignments);
        denyAssignments = Lists.orEmpty(denyAssignments);
        diagnosticSettings = Lists.orEmpty(diagnosticSettings);
        keys = Lists.orEmpty(keys);
        secrets = Lists.orEmpty(secrets);
        certificates = Lists.orEmpty(certificates);
        faults = Lists.orEmpty(faults);
    }

    /** RBAC permission model; absent means access policies, as vaults created by older API versions report. */
    public boolean rbac() {
        return Boolean.TRUE.equals(enableRbacAuthorization);
    }
}
