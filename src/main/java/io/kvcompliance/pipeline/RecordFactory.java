package io.kvcompliance.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvcompliance.records.AccessPolicyMapper;
import io.kvcompliance.records.CertificateMapper;
import io.kvcompliance.records.ComplianceRecord;
import io.kvcompliance.records.DeletedVaultMapper;
import io.kvcompliance.records.DiagnosticSettingMapper;
import io.kvcompliance.records.KeyMapper;
import io.kvcompliance.records.ManagedHsmMapper;
import io.kvcompliance.records.RecordContext;
import io.kvcompliance.records.RoleAssignmentMapper;
import io.kvcompliance.records.RoleDefinitionIndex;
import io.kvcompliance.records.SecretMapper;
import io.kvcompliance.records.VaultMapper;
import java.time.Instant;
import java.util.List;

/**
 * The routes' entry to the mappers: builds each record's context from the read's scope and hands
 * the Azure JSON to the mapper of its type. Mappers are pure; this bean only wires them.
 */
public final class RecordFactory {
    private final VaultMapper vaults;
    private final AccessPolicyMapper accessPolicies;
    private final KeyMapper keys;
    private final SecretMapper secrets;
    private final CertificateMapper certificates;
    private final RoleAssignmentMapper roleAssignments;
    private final DiagnosticSettingMapper diagnosticSettings;
    private final DeletedVaultMapper deletedVaults;
    private final ManagedHsmMapper managedHsms;

    public RecordFactory(ApiVersions versions) {
        this.vaults = new VaultMapper(versions.keyVault());
        this.accessPolicies = new AccessPolicyMapper(versions.keyVault());
        this.keys = new KeyMapper(versions.keyVault());
        this.secrets = new SecretMapper(versions.keyVault());
        this.certificates = new CertificateMapper(versions.dataPlane());
        this.roleAssignments = new RoleAssignmentMapper(versions.authorization());
        this.diagnosticSettings = new DiagnosticSettingMapper(versions.insights());
        this.deletedVaults = new DeletedVaultMapper(versions.keyVault());
        this.managedHsms = new ManagedHsmMapper(versions.keyVault());
    }

    static RecordContext context(Scope scope) {
        RecordContext ctx = RecordContext.forSubscription(scope.tenantId(), scope.subscriptionId(),
                scope.sync().syncId(), Instant.now());
        return scope.isVault() ? ctx.withVault(scope.vaultId()) : ctx;
    }

    public ComplianceRecord vault(JsonNode vault, Scope scope) {
        return vaults.map(vault, context(scope));
    }

    public List<ComplianceRecord> accessPolicies(JsonNode vault, Scope scope) {
        return accessPolicies.map(vault, context(scope));
    }

    public ComplianceRecord key(JsonNode key, Scope scope) {
        return keys.map(key, context(scope));
    }

    public ComplianceRecord secret(JsonNode secret, Scope scope) {
        return secrets.map(secret, context(scope));
    }

    public ComplianceRecord certificate(JsonNode bundle, Scope scope) {
        return certificates.map(bundle, context(scope));
    }

    /** When the certificate's get is denied, the list item still gives id, thumbprint and validity. */
    public ComplianceRecord certificateListItem(JsonNode item, Scope scope) {
        return certificates.mapListItem(item, context(scope));
    }

    public ComplianceRecord roleAssignment(JsonNode assignment, Scope scope) {
        return roleAssignments.map(assignment, scope.sync().roleNames(), context(scope));
    }

    /** Role definitions are not records: their names resolve the role assignments of this sync. */
    public void roleDefinition(JsonNode definition, Scope scope) {
        RoleDefinitionIndex.build(List.of(definition)).forEach(scope.sync()::roleName);
    }

    public ComplianceRecord diagnosticSetting(JsonNode setting, Scope scope) {
        return diagnosticSettings.map(setting, context(scope));
    }

    public ComplianceRecord deletedVault(JsonNode deleted, Scope scope) {
        return deletedVaults.map(deleted, context(scope));
    }

    public ComplianceRecord managedHsm(JsonNode hsm, Scope scope) {
        return managedHsms.map(hsm, context(scope));
    }
}
