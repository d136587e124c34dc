package io.kvcompliance.sandbox.arm;

import io.kvcompliance.sandbox.SandboxContext;
import io.kvcompliance.sandbox.arm.ArmCalls.Call;
import io.kvcompliance.sandbox.http.SandboxRequest;
import io.kvcompliance.sandbox.http.SandboxResponse;
import io.kvcompliance.sandbox.model.DiagnosticSettingDef;
import io.kvcompliance.sandbox.model.VaultRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A vault's diagnostic settings (Microsoft.Insights): one page, no nextLink, as the 2021-05-01-preview spec says. */
final class ArmDiagnosticRoutes {
    private final ArmCalls calls;
    private final SandboxContext ctx;

    ArmDiagnosticRoutes(SandboxContext ctx) {
        this.ctx = ctx;
        this.calls = new ArmCalls(ctx);
    }

    /** Needs Microsoft.Insights/diagnosticSettings/read at the vault. */
    SandboxResponse diagnosticSettings(SandboxRequest req, String subscriptionId, String groupName, String vaultName) {
        String op = "arm:diagnosticSettings.list";
        Call call = calls.open(req, subscriptionId, "diagnosticSettings", ArmHandler.INSIGHTS_VERSIONS, op);
        if (call.refused()) {
            return call.refusal();
        }
        Optional<VaultRef> vault = ctx.store().vault(vaultName).filter(v -> v.subscriptionId()
                .equalsIgnoreCase(subscriptionId) && v.resourceGroupName().equalsIgnoreCase(groupName));
        String action = "Microsoft.Insights/diagnosticSettings/read";
        if (vault.isEmpty()) {
            return calls.missingVault(call, groupName, vaultName, action, op);
        }
        if (!calls.authorizer.allowsOnVault(call.principal(), vault.get(), action)) {
            return calls.forbidden(call, action, vault.get().armId(), op);
        }
        List<Object> values = vault.get().vault().diagnosticSettings().stream()
                .map(d -> (Object) diagnosticSetting(vault.get(), d)).toList();
        return calls.finish(call, SandboxResponse.json(200, Map.of("value", values)), op);
    }

    private static Map<String, Object> diagnosticSetting(VaultRef v, DiagnosticSettingDef d) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("storageAccountId", d.storageAccountId());
        p.put("serviceBusRuleId", null);
        p.put("workspaceId", d.workspaceId());
        p.put("eventHubAuthorizationRuleId", d.eventHubAuthorizationRuleId());
        p.put("eventHubName", d.eventHubName());
        p.put("metrics", d.metrics().stream().map(m -> entry(m, true)).toList());
        p.put("logs", d.logs().stream().map(l -> entry(l, false)).toList());
        p.put("logAnalyticsDestinationType", null);
        Map<String, Object> out = new LinkedHashMap<>();
        // ARM answers with a lower-case provider segment here; collectors must compare ids case-insensitively
        out.put("id", v.armId() + "/providers/microsoft.insights/diagnosticSettings/" + d.name());
        out.put("type", "Microsoft.Insights/diagnosticSettings");
        out.put("name", d.name());
        out.put("location", null);
        out.put("properties", p);
        return out;
    }

    private static Map<String, Object> entry(DiagnosticSettingDef.LogSetting s, boolean metric) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("category", s.category());
        if (!metric) {
            out.put("categoryGroup", s.categoryGroup());
        } else {
            out.put("timeGrain", null);
        }
        out.put("enabled", s.enabled());
        out.put("retentionPolicy", Map.of("enabled", false, "days", 0));
        return out;
    }
}
