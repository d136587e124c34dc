package io.kvcompliance.sandbox.dataplane;

import io.kvcompliance.sandbox.SandboxContext;
import io.kvcompliance.sandbox.dataplane.VaultAccess.Operation;
import io.kvcompliance.sandbox.http.Pager;
import io.kvcompliance.sandbox.http.SandboxMetrics.ViolationKind;
import io.kvcompliance.sandbox.http.SandboxRequest;
import io.kvcompliance.sandbox.http.SandboxResponse;
import io.kvcompliance.sandbox.model.CertificateDef;
import io.kvcompliance.sandbox.model.SecretDef;
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
    private final DataPlaneJson json;

    public DataPlaneHandler(SandboxContext ctx) {
        this.ctx = ctx;
        this.gate = new DataPlaneGate(ctx);
        this.json = new DataPlaneJson(ctx.clock(), ctx.settings().seed(), new CertificateView(ctx.minter(), ctx.clock()));
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
            return seg.length == 1 ? list(req, v, type, base) : versions(req, v, type, seg[1], base);
        }
        return get(v, type, seg, base);
    }

    private SandboxResponse list(SandboxRequest req, VaultRef v, String type, String base) {
        String listName = "dp-" + type;
        int size = ctx.settings().pageCap(listName);
        if (req.query("maxresults") != null) {
            size = Math.min(size, Integer.parseInt(req.query("maxresults")));
        }
        Pager pager = new Pager(ctx.settings());
        String key = listName + "|" + v.name();
        return switch (type) {
            case "certificates" -> pager.page(req, new Pager.Listing<>(key, v.vault().certificates(), size,
                    v.vault().faults().get(listName), c -> json.certificateItem(base, v, c), true));
            case "keys" -> pager.page(req, new Pager.Listing<>(key, DataPlaneObjects.keys(v.vault()), size,
                    v.vault().faults().get(listName), k -> json.keyItem(base, k), true));
            default -> pager.page(req, new Pager.Listing<>(key, DataPlaneObjects.secrets(v.vault()), size,
                    v.vault().faults().get(listName), s -> json.secretItem(base, s), true));
        };
    }

    private SandboxResponse versions(SandboxRequest req, VaultRef v, String type, String name, String base) {
        Pager pager = new Pager(ctx.settings());
        String key = "versions|" + type + "|" + v.name() + "|" + name;
        int size = ctx.settings().pageCap("versions");
        Optional<?> item = switch (type) {
            case "certificates" -> DataPlaneObjects.certificate(v.vault(), name);
            case "keys" -> DataPlaneObjects.key(v.vault(), name);
            default -> DataPlaneObjects.secret(v.vault(), name);
        };
        if (item.isEmpty()) {
            return notFound(type, name);
        }
        Object value = item.get();
        return pager.page(req, new Pager.Listing<>(key, List.of(value), size, null, o -> versionItem(base, v, type, o), true));
    }

    private Object versionItem(String base, VaultRef v, String type, Object o) {
        if (o instanceof CertificateDef c) {
            var item = json.certificateItem(base, v, c);
            item.put("id", item.get("id") + "/" + json.version(v, "certificate", c.name()));
            return item;
        }
        if (o instanceof SecretDef s) {
            var item = json.secretItem(base, s);
            item.put("id", item.get("id") + "/" + json.version(v, "secret", s.name()));
            return item;
        }
        var k = (io.kvcompliance.sandbox.model.KeyDef) o;
        var item = json.keyItem(base, k);
        item.put("kid", item.get("kid") + "/" + json.version(v, "key", k.name()));
        return item;
    }

    private SandboxResponse get(VaultRef v, String type, String[] seg, String base) {
        String name = seg[1];
        if (type.equals("certificates")) {
            Optional<CertificateDef> c = DataPlaneObjects.certificate(v.vault(), name);
            if (c.isEmpty()) {
                return notFound(type, name);
            }
            boolean policy = seg.length == 3 && seg[2].equalsIgnoreCase("policy");
            return SandboxResponse.json(200, policy ? json.policy(base, c.get()) : json.certificateBundle(base, v, c.get()));
        }
        if (type.equals("keys")) {
            return DataPlaneObjects.key(v.vault(), name).map(k -> SandboxResponse.json(200, json.keyBundle(base, v, k)))
                    .orElseGet(() -> notFound(type, name));
        }
        return DataPlaneObjects.secret(v.vault(), name).map(s -> SandboxResponse.json(200, json.secretBundle(base, v, s)))
                .orElseGet(() -> notFound(type, name));
    }

    private static SandboxResponse notFound(String type, String name) {
        String kind = type.substring(0, type.length() - 1);
        String title = Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
        return DataPlaneGate.error(404, title + "NotFound", "A " + kind + " with (name/id) " + name
                + " was not found in this key vault. If you recently deleted this " + kind + " you may be able to"
                + " recover it using the correct recovery command. For help resolving this issue, please see"
                + " https://go.microsoft.com/fwlink/?linkid=2125182", null);
    }

    private static boolean isVersions(String[] seg) {
        return seg.length == 3 && seg[2].equalsIgnoreCase("versions");
    }

    private static String[] segments(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }
}
