package io.kvcompliance.sandbox.dataplane;

import io.kvcompliance.sandbox.SandboxContext;
import io.kvcompliance.sandbox.dataplane.VaultAccess.Operation;
import io.kvcompliance.sandbox.http.SandboxMetrics.ViolationKind;
import io.kvcompliance.sandbox.http.SandboxRequest;
import io.kvcompliance.sandbox.http.SandboxResponse;
import io.kvcompliance.sandbox.model.VaultRef;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The Key Vault data plane of every vault, addressed by host ({@code <vault>.vault.<suffix>}):
 * certificate, key and secret lists ({@code maxresults} 1..25, nextLink), certificate get and
 * policy. The endpoints that return a secret value or key material exist and answer like Azure,
 * and each call to them is counted as a violation the moment it arrives, authorized or not.
 */
public final class DataPlaneHandler {
    static final List<String> VERSIONS = List.of("2016-10-01", "7.0", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6",
            "2025-07-01", "2026-04-01");

    private final SandboxContext ctx;
    private final DataPlaneGate gate;
    private final DataPlaneReads reads;

    public DataPlaneHandler(SandboxContext ctx) {
        this.ctx = ctx;
        this.gate = new DataPlaneGate(ctx);
        this.reads = new DataPlaneReads(ctx, new DataPlaneJson(ctx.clock(), ctx.settings().seed(),
                new CertificateView(ctx.minter(), ctx.clock())));
    }

    public SandboxResponse handle(String vaultName, SandboxRequest req) {
        String[] seg = segments(req.path());
        String type = seg.length > 0 ? seg[0].toLowerCase(Locale.ROOT) : "";
        String op = "dp:" + (type.isEmpty() ? "root" : type) + "." + (seg.length <= 1 ? "list" : "get");
        countViolations(req, type, seg);
        Optional<VaultRef> found = ctx.store().vault(vaultName);
        if (found.isEmpty()) {
            // a vault that does not exist has no DNS name in Azure; the closest answer is a 404 from the front end
            return DataPlaneGate.error(404, "VaultNotFound", "The vault '" + vaultName + "' does not exist.", null)
                    .operation(op);
        }
        SandboxResponse bad = checkQuery(req);
        if (bad == null && !req.method().equals("GET")) {
            bad = DataPlaneGate.error(403, "Forbidden", "The sandbox is read-only: " + req.method() + " "
                    + req.path() + " was refused and counted as a violation.", "ReadOnlySandbox");
        }
        SandboxResponse r = bad != null ? bad : route(found.get(), req, type, seg);
        return r.operation(isVersions(seg) ? "dp:" + type + ".versions" : op)
                .header("x-ms-request-id", UUID.randomUUID().toString())
                .header("x-ms-keyvault-region", found.get().location())
                .header("x-ms-keyvault-service-version", "1.9.2650.1")
                .header("x-ms-keyvault-network-info", "conn_type=Ipv4;addr=" + req.remoteAddress()
                        + ";act_addr_fam=InterNetwork;")
                .header("Cache-Control", "no-cache");
    }

    private void countViolations(SandboxRequest req, String type, String[] seg) {
        boolean get = req.method().equals("GET");
        boolean named = seg.length >= 2 && !seg[seg.length - 1].equalsIgnoreCase("versions");
        boolean policy = seg.length == 3 && seg[2].equalsIgnoreCase("policy");
        if (get && named && type.equals("secrets")) {
            ctx.metrics().violation(ViolationKind.SECRET_VALUE_READ, req);
        } else if (get && named && type.equals("keys") && !(seg.length == 3 && seg[2].equalsIgnoreCase("rotationpolicy"))) {
            ctx.metrics().violation(ViolationKind.KEY_MATERIAL_READ, req);
        } else if (get && policy) {
            return;
        } else if (!get) {
            String last = seg.length > 0 ? seg[seg.length - 1].toLowerCase(Locale.ROOT) : "";
            ctx.metrics().violation(last.equals("export") || last.equals("release") ? ViolationKind.KEY_MATERIAL_READ
                    : last.equals("backup") ? ViolationKind.PRIVATE_KEY_READ : ViolationKind.WRITE_ATTEMPTED, req);
        }
    }

    private static SandboxResponse checkQuery(SandboxRequest req) {
        String version = req.query("api-version");
        if (version == null || !VERSIONS.contains(version)) {
            return DataPlaneGate.error(400, "BadParameter", "The specified version (" + version + ") is not"
                    + " recognized. Consider using the latest supported version (7.6).", null);
        }
        String max = req.query("maxresults");
        if (max != null) {
            try {
                int n = Integer.parseInt(max);
                if (n < 1 || n > 25) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                return DataPlaneGate.error(400, "BadParameter", "Invalid value for maxresults: '" + max
                        + "'. It must be between 1 and 25.", null);
            }
        }
        return null;
    }

    private SandboxResponse route(VaultRef v, SandboxRequest req, String type, String[] seg) {
        if (!type.equals("certificates") && !type.equals("keys") && !type.equals("secrets")) {
            return DataPlaneGate.error(404, "NotFound", "The sandbox does not serve '" + req.path() + "'.", null);
        }
        boolean list = seg.length == 1 || isVersions(seg);
        Operation op = list ? Operation.list(type) : Operation.get(type);
        SandboxResponse refused = gate.check(req, v, op);
        if (refused != null) {
            return refused;
        }
        String base = "https://" + v.name() + ctx.settings().vaultDnsSuffix();
        if (list) {
            return seg.length == 1 ? reads.list(req, v, type, base) : reads.versions(req, v, type, seg[1], base);
        }
        return reads.get(v, type, seg, base);
    }

    private static boolean isVersions(String[] seg) {
        return seg.length == 3 && seg[2].equalsIgnoreCase("versions");
    }

    private static String[] segments(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }
}
