package io.kvcompliance.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.kvcompliance.sandbox.entra.AzureResources;
import io.kvcompliance.sandbox.entra.EntraIdHandler;
import io.kvcompliance.sandbox.http.SandboxRequest;
import io.kvcompliance.sandbox.http.SandboxResponse;
import io.kvcompliance.sandbox.http.SandboxSettings;
import io.kvcompliance.sandbox.http.SandboxSettingsBuilder;
import io.kvcompliance.sandbox.inventory.InventoryCalculator;
import java.io.IOException;
import java.util.Map;

/**
 * The sandbox's own API on the loopback names only: the index at {@code /}, counters and violations
 * ({@code /_sandbox/metrics}), the expected inventory of a principal ({@code /_sandbox/inventory}),
 * run-time settings ({@code /_sandbox/settings}), device-code approval and refresh-token revocation.
 */
final class AdminHandler {
    private final SandboxContext ctx;
    private final EntraIdHandler entra;
    private final SandboxIndex index;
    private final DirectTokens tokens;

    AdminHandler(SandboxContext ctx, EntraIdHandler entra) {
        this.ctx = ctx;
        this.entra = entra;
        this.index = new SandboxIndex(ctx);
        this.tokens = new DirectTokens(ctx);
    }

    SandboxResponse index(SandboxRequest req) {
        return SandboxResponse.json(200, index.describe(req.hostHeader())).operation("sandbox:index");
    }

    SandboxResponse handle(SandboxRequest req) {
        // the admin API issues tokens and changes faults: only a caller on this machine may use it,
        // whatever Host header it sends and whatever address the sandbox listens on
        if (!isLoopback(req.remoteAddress())) {
            return SandboxResponse.json(403, Map.of("error", "the sandbox admin API answers loopback callers only"))
                    .operation("admin:refused");
        }
        String path = req.path();
        boolean post = req.method().equals("POST");
        try {
            if (path.equals("/_sandbox/metrics") && !post) {
                return ok(ctx.metrics().snapshot(), "admin:metrics");
            }
            if (path.equals("/_sandbox/metrics/reset") && post) {
                ctx.metrics().reset();
                ctx.faults().reset();
                ctx.armLimiter().reset();
                ctx.vaultLimiter().reset();
                return ok(Map.of("reset", true), "admin:metrics-reset");
            }
            if (path.equals("/_sandbox/inventory") && !post) {
                return ok(new InventoryCalculator(ctx).forPrincipal(required(req, "principal")), "admin:inventory");
            }
            if (path.equals("/_sandbox/settings")) {
                if (post) {
                    ctx.updateSettings(s -> SettingsPatch.apply(s, readJson(req)));
                }
                return ok(SettingsPatch.view(ctx.settings()), "admin:settings");
            }
            if (path.equals("/_sandbox/trust") && !post) {
                return SandboxResponse.text(200, ctx.trustPem()).operation("admin:trust");
            }
            if (path.equals("/_sandbox/device/approve") && post) {
                entra.approveDeviceCode(required(req, "user_code"), param(req, "user"));
                return ok(Map.of("approved", true), "admin:device-approve");
            }
            if (path.equals("/_sandbox/revoke") && post) {
                return ok(Map.of("revokedRefreshTokens", entra.revokeRefreshTokens(required(req, "principal"))),
                        "admin:revoke");
            }
            if (path.equals("/_sandbox/token") && post) {
                String resource = required(req, "resource");
                return ok(Map.of("access_token", tokenFor(required(req, "principal"), resource), "token_type", "Bearer"),
                        "admin:token");
            }
        } catch (IllegalArgumentException e) {
            return SandboxResponse.json(400, Map.of("error", e.getMessage())).operation("admin:bad-request");
        }
        return SandboxResponse.json(404, Map.of("error", "unknown sandbox admin path " + req.method() + " " + path,
                "paths", index.adminPaths())).operation("admin:unknown");
    }

    private String tokenFor(String principal, String resource) {
        if (!resource.equals("arm") && !resource.equals("vault")) {
            throw new IllegalArgumentException("resource must be arm or vault");
        }
        return tokens.issue(principal, resource.equals("arm") ? AzureResources.ARM : AzureResources.KEY_VAULT,
                ctx.settings().accessTokenLifetimeSeconds());
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && java.net.InetAddress.getByName(address).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static SandboxResponse ok(Object value, String operation) {
        return SandboxResponse.json(200, value).operation(operation);
    }

    private static String param(SandboxRequest req, String name) {
        String v = req.query(name);
        return v != null ? v : req.formValue(name);
    }

    private static String required(SandboxRequest req, String name) {
        String v = param(req, name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing parameter '" + name + "'");
        }
        return v;
    }

    private static JsonNode readJson(SandboxRequest req) {
        try {
            return SandboxResponse.JSON.readTree(req.body());
        } catch (IOException e) {
            throw new IllegalArgumentException("the settings body is not JSON: " + e.getMessage());
        }
    }

    /** The settings that can change while the sandbox runs, readable and writable by name. */
    static final class SettingsPatch {
        private static final Map<String, java.util.function.BiConsumer<SandboxSettingsBuilder, JsonNode>> SETTERS =
                Map.ofEntries(
                        Map.entry("latencyMillis", (b, v) -> b.latencyMillis(v.asInt())),
                        Map.entry("jitterMillis", (b, v) -> b.jitterMillis(v.asInt())),
                        Map.entry("error5xxRate", (b, v) -> b.error5xxRate(v.asDouble())),
                        Map.entry("resetRate", (b, v) -> b.resetRate(v.asDouble())),
                        Map.entry("slowRate", (b, v) -> b.slowRate(v.asDouble())),
                        Map.entry("slowMillis", (b, v) -> b.slowMillis(v.asInt())),
                        Map.entry("maxFaultsPerRequest", (b, v) -> b.maxFaultsPerRequest(v.asInt())),
                        Map.entry("accessTokenLifetimeSeconds", (b, v) -> b.accessTokenLifetimeSeconds(v.asInt())),
                        Map.entry("armBurst", (b, v) -> b.armBurst(v.asInt())),
                        Map.entry("armRefillPerSecond", (b, v) -> b.armRefillPerSecond(v.asDouble())),
                        Map.entry("kvWindowLimit", (b, v) -> b.kvWindowLimit(v.asInt())),
                        Map.entry("emptyPageEvery", (b, v) -> b.emptyPageEvery(v.asInt())),
                        Map.entry("deviceCodeIntervalSeconds", (b, v) -> b.deviceCodeIntervalSeconds(v.asInt())));

        private SettingsPatch() {
        }

        static SandboxSettings apply(SandboxSettings s, JsonNode patch) {
            SandboxSettingsBuilder b = s.toBuilder();
            patch.fields().forEachRemaining(e -> {
                var setter = SETTERS.get(e.getKey());
                if (setter == null) {
                    throw new IllegalArgumentException("'" + e.getKey() + "' is not a setting that can change at run time;"
                            + " these can: " + new java.util.TreeSet<>(SETTERS.keySet()));
                }
                setter.accept(b, e.getValue());
            });
            return b.build();
        }

        static Map<String, Object> view(SandboxSettings s) {
            Map<String, Object> out = new java.util.TreeMap<>();
            out.put("latencyMillis", s.latencyMillis());
            out.put("jitterMillis", s.jitterMillis());
            out.put("error5xxRate", s.error5xxRate());
            out.put("resetRate", s.resetRate());
            out.put("slowRate", s.slowRate());
            out.put("slowMillis", s.slowMillis());
            out.put("maxFaultsPerRequest", s.maxFaultsPerRequest());
            out.put("accessTokenLifetimeSeconds", s.accessTokenLifetimeSeconds());
            out.put("armBurst", s.armBurst());
            out.put("armRefillPerSecond", s.armRefillPerSecond());
            out.put("kvWindowLimit", s.kvWindowLimit());
            out.put("emptyPageEvery", s.emptyPageEvery());
            out.put("deviceCodeIntervalSeconds", s.deviceCodeIntervalSeconds());
            out.put("seed", s.seed());
            out.put("anchor", s.anchor().toString());
            out.put("pageCaps", new java.util.TreeMap<>(s.pageCaps()));
            return out;
        }
    }
}
