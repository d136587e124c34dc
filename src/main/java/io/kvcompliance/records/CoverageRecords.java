package io.kvcompliance.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * COVERAGE records: for each vault (or subscription) and object type, whether it was collected and,
 * if not, why. A gap is evidence too: "could not read the secrets of kv-x (firewall)" must reach the
 * auditor as surely as the secrets themselves.
 */
public final class CoverageRecords {
    /** Azure messages can run to pages (caller, client address, vault lines); keep what explains it. */
    static final int MAX_MESSAGE = 1000;

    private CoverageRecords() {
    }

    public static ComplianceRecord collected(RecordContext ctx, String objectType, int itemCount, Provenance call) {
        return of(ctx, objectType, CoverageStatus.COLLECTED, itemCount, 200, null, null, call);
    }

    /**
     * A failed call after the route's retries.
     *
     * @param itemsBeforeFailure items already collected from earlier pages (0 when the first page failed)
     */
    public static ComplianceRecord gap(RecordContext ctx, String objectType, int itemsBeforeFailure, int httpStatus,
                                       JsonNode errorBody, Provenance call) {
        CoverageClassifier.Classification c = CoverageClassifier.classify(httpStatus, errorBody);
        return of(ctx, objectType, c.status(), itemsBeforeFailure, httpStatus, c.errorCode(), c.message(), call);
    }

    /**
     * The general form, also for failures without an HTTP answer (httpStatus null).
     * The scope is the context's vault, else its subscription, else its tenant.
     */
    public static ComplianceRecord of(RecordContext ctx, String objectType, CoverageStatus status, Integer itemCount,
                                      Integer httpStatus, String errorCode, String message, Provenance call) {
        if (objectType == null || objectType.isBlank()) {
            throw new IllegalArgumentException("objectType is required");
        }
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("objectType", objectType);
        a.put("status", status.name());
        a.put("itemCount", itemCount);
        a.put("httpStatus", httpStatus);
        a.put("errorCode", errorCode);
        a.put("message", message == null || message.length() <= MAX_MESSAGE ? message
                : message.substring(0, MAX_MESSAGE) + "...");
        String identity = scopeId(ctx) + "/coverage/" + objectType;
        return ComplianceRecord.create(RecordType.COVERAGE, identity, identity, ctx, call, a);
    }

    private static String scopeId(RecordContext ctx) {
        if (ctx.vaultId() != null) {
            return ctx.vaultId();
        }
        return ctx.subscriptionId() != null ? "/subscriptions/" + ctx.subscriptionId() : "/tenants/" + ctx.tenantId();
    }
}
