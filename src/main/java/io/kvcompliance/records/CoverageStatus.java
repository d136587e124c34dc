package io.kvcompliance.records;

/** Whether one object type of one vault (or subscription) was collected, and if not, why. */
public enum CoverageStatus {
    COLLECTED,
    DENIED,
    BLOCKED_BY_NETWORK,
    CONSENT_REQUIRED,
    THROTTLED,
    FAILED
}
