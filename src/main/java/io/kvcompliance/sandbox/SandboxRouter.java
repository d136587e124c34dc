package io.kvcompliance.sandbox;

import io.kvcompliance.sandbox.arm.ArmHandler;
import io.kvcompliance.sandbox.dataplane.DataPlaneHandler;
import io.kvcompliance.sandbox.entra.EntraIdHandler;
import io.kvcompliance.sandbox.http.SandboxMetrics.ViolationKind;
import io.kvcompliance.sandbox.http.SandboxRequest;
import io.kvcompliance.sandbox.http.SandboxResponse;
import io.kvcompliance.sandbox.http.SandboxSettings;
import java.util.Map;
import java.util.Set;

/**
 * Sends each request to the part of Azure it addresses. Vault hosts ({@code <vault>.vault.<suffix>})
 * go to the data plane, whatever the path; other known hosts are routed by path: {@code /<tenant>/oauth2/...}
 * to Entra ID, {@code /subscriptions} and {@code /providers} to Resource Manager, {@code /_sandbox} to
 * the admin API (loopback names only) and {@code /} to the index. Any other host is foreign: the
 * request is counted as a violation and refused.
 */
public final class SandboxRouter {
    /** Which service a request addresses. */
    public enum Api { LOGIN, ARM, DATA_PLANE, ADMIN, INDEX, FOREIGN }

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private final SandboxContext ctx;
    private final EntraIdHandler entra;
    private final ArmHandler arm;
    private final DataPlaneHandler dataPlane;
    private final AdminHandler admin;

    public SandboxRouter(SandboxContext ctx, EntraIdHandler entra, AdminHandler admin) {
        this.ctx = ctx;
        this.entra = entra;
        this.arm = new ArmHandler(ctx);
        this.dataPlane = new DataPlaneHandler(ctx);
        this.admin = admin;
    }

    public Api classify(SandboxRequest req) {
        SandboxSettings s = ctx.settings();
        String host = req.host();
        if (host.endsWith(s.vaultDnsSuffix())) {
            return Api.DATA_PLANE;
        }
        boolean loopback = LOOPBACK.contains(host);
        if (!loopback && !host.equals(s.loginHost()) && !host.equals(s.managementHost())) {
            return Api.FOREIGN;
        }
        String path = req.path();
        if (path.equals("/")) {
            return Api.INDEX;
        }
        if (path.startsWith("/_sandbox/") && loopback) {
            return Api.ADMIN;
        }
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("/subscriptions") || lower.startsWith("/providers/")) {
            return Api.ARM;
        }
        return Api.LOGIN;
    }

    public SandboxResponse route(SandboxRequest req) {
        return switch (classify(req)) {
            case DATA_PLANE -> dataPlane.handle(vaultName(req), req);
            case ARM -> arm.handle(req);
            case LOGIN -> entra.handle(req);
            case ADMIN -> admin.handle(req);
            case INDEX -> admin.index(req);
            case FOREIGN -> foreign(req);
        };
    }

    private String vaultName(SandboxRequest req) {
        String host = req.host();
        return host.substring(0, host.length() - ctx.settings().vaultDnsSuffix().length());
    }

    private SandboxResponse foreign(SandboxRequest req) {
        ctx.metrics().violation(ViolationKind.REQUEST_TO_FOREIGN_HOST, req);
        if (req.bearerToken() != null) {
            ctx.metrics().violation(ViolationKind.TOKEN_SENT_TO_FOREIGN_HOST, req);
        }
        return SandboxResponse.json(404, Map.of("error", Map.of("code", "ForeignHost",
                "message", "The sandbox does not serve host '" + req.host() + "'; a collector must never follow a"
                        + " nextLink off the configured Azure hosts."))).operation("foreign:request");
    }
}
