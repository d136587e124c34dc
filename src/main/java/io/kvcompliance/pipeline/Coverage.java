package io.kvcompliance.pipeline;

import io.kvcompliance.auth.SignInException;
import io.kvcompliance.records.ComplianceRecord;
import io.kvcompliance.records.CoverageRecords;
import io.kvcompliance.records.CoverageStatus;
import io.kvcompliance.records.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Coverage of each partition (a vault's object type, or a subscription's list): counts what was read,
 * and reports one coverage record when the read ends, COLLECTED with its count or the gap with Azure's
 * status and error code. What a principal cannot read is reported here, never dropped.
 */
public final class Coverage {
    /** One partition being read. Thread-safe count: vault lists are split in parallel. */
    public static final class Partition {
        private final Scope scope;
        private final String objectType;
        private final AtomicInteger count = new AtomicInteger();

        Partition(Scope scope, String objectType) {
            this.scope = scope;
            this.objectType = objectType;
        }

        public Scope scope() {
            return scope;
        }

        public String objectType() {
            return objectType;
        }

        public int count() {
            return count.get();
        }
    }

    private final ApiVersions versions;

    public Coverage(ApiVersions versions) {
        this.versions = versions;
    }

    public Partition open(Scope scope, String objectType) {
        return new Partition(scope, objectType);
    }

    public void counted(Partition partition) {
        partition.count.incrementAndGet();
    }

    public List<ComplianceRecord> collected(SyncRun sync, Partition p) {
        return List.of(record(p.scope(), p.objectType(), "COLLECTED", p.count(), null, null, null));
    }

    /**
     * The gap a failure leaves. A failed vault read leaves its access policies unread too, since they
     * arrive in the same answer, so both are reported.
     */
    public List<ComplianceRecord> failed(SyncRun sync, Partition p, Throwable error) {
        FailureClassifier.Gap gap = FailureClassifier.classify(error);
        // a dead grant is no coverage finding: the whole sync must end RECONNECT_REQUIRED (exit 4)
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SignInException s && s.reconnectRequired()) {
                sync.reconnectRequired(s.getMessage());
            }
        }
        List<String> types = new ArrayList<>(List.of(p.objectType()));
        if (p.objectType().equals("vault")) {
            types.add("accessPolicies");
        }
        List<ComplianceRecord> out = new ArrayList<>();
        for (String type : types) {
            sync.gap(new SyncRun.Gap(p.scope().azureId(), type, gap.status(), gap.httpStatus(), gap.errorCode()));
            out.add(record(p.scope(), type, gap.status(), null, gap.httpStatus(), gap.errorCode(), gap.message()));
        }
        return out;
    }

    /**
     * A vault whose collection broke outside its partitions: reported as a failed vault read at the
     * vault's scope (or, when even its scope could not be built, the subscription's, naming the vault).
     */
    public List<ComplianceRecord> vaultFailed(SyncRun sync, Scope scope, Object body, Throwable error) {
        if (scope.isVault()) {
            return failed(sync, open(scope, "vault"), error);
        }
        String name = body instanceof com.fasterxml.jackson.databind.JsonNode json ? json.path("name").asText("?") : "?";
        FailureClassifier.Gap gap = FailureClassifier.classify(error);
        sync.gap(new SyncRun.Gap(scope.azureId(), "vault", gap.status(), gap.httpStatus(), gap.errorCode()));
        return List.of(record(scope, "vault", gap.status(), null, gap.httpStatus(), gap.errorCode(),
                "vault " + name + ": " + gap.message()));
    }

    private ComplianceRecord record(Scope scope, String objectType, String status, Integer count,
                                    Integer httpStatus, String errorCode, String message) {
        return CoverageRecords.of(RecordFactory.context(scope), objectType, CoverageStatus.valueOf(status), count,
                httpStatus, errorCode, message, provenance(objectType));
    }

    /** The call each partition is read with, as the specs name its operation. */
    private Provenance provenance(String objectType) {
        return switch (objectType) {
            case "vault", "accessPolicies" -> Provenance.resourceManager("Vaults_Get", versions.keyVault());
            case "keys" -> Provenance.resourceManager("Keys_List", versions.keyVault());
            case "secrets" -> Provenance.resourceManager("Secrets_List", versions.keyVault());
            case "certificates" -> Provenance.keyVault("GetCertificates", versions.dataPlane());
            case "roleAssignments" -> Provenance.resourceManager("RoleAssignments_ListForScope", versions.authorization());
            case "roleDefinitions" -> Provenance.resourceManager("RoleDefinitions_List", versions.authorization());
            case "diagnosticSettings" -> Provenance.resourceManager("DiagnosticSettings_List", versions.insights());
            case "vaults" -> Provenance.resourceManager("Vaults_ListBySubscription", versions.keyVault());
            case "deletedVaults" -> Provenance.resourceManager("Vaults_ListDeleted", versions.keyVault());
            case "managedHsms" -> Provenance.resourceManager("ManagedHsms_ListBySubscription", versions.keyVault());
            case "subscription" -> Provenance.resourceManager("Subscriptions_Get", versions.subscriptions());
            default -> throw new IllegalArgumentException("unknown partition type " + objectType);
        };
    }
}
