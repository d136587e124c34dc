package io.kvcompliance.sandbox.model;

import java.util.List;

/** A diagnostic setting of a vault: log categories (or category groups), metrics, destinations. */
public record DiagnosticSettingDef(
        String name,
        String workspaceId,
        String storageAccountId,
        String eventHubAuthorizationRuleId,
        String eventHubName,
        List<LogSetting> logs,
        List<LogSetting> metrics) {

    public DiagnosticSettingDef {
        logs = Lists.orEmpty(logs);
        metrics = Lists.orEmpty(metrics);
    }

    /** One log or metric entry: either a category or a category group. */
    public record LogSetting(String category, String categoryGroup, boolean enabled) {
    }
}
