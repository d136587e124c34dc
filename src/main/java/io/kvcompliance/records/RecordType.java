package io.kvcompliance.records;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of compliance record; {@link #jsonName()} is the value of the record's {@code type} field. */
public enum RecordType {
    VAULT("vault"),
    KEY("key"),
    SECRET("secret"),
    CERTIFICATE("certificate"),
    ACCESS_POLICY("accessPolicy"),
    ROLE_ASSIGNMENT("roleAssignment"),
    DIAGNOSTIC_SETTING("diagnosticSetting"),
    DELETED_VAULT("deletedVault"),
    MANAGED_HSM("managedHsm"),
    COVERAGE("coverage"),
    SYNC_SUMMARY("syncSummary");

    private final String jsonName;

    RecordType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** lowerCamel name used in JSON, in the schema and as the golden-file folder name. */
    @JsonValue
    public String jsonName() {
        return jsonName;
    }
}
