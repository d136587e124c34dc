package io.kvcompliance.sandbox.dataplane;

import io.kvcompliance.sandbox.SandboxContext;
import io.kvcompliance.sandbox.http.Pager;
import io.kvcompliance.sandbox.http.SandboxRequest;
import io.kvcompliance.sandbox.http.SandboxResponse;
import io.kvcompliance.sandbox.model.CertificateDef;
import io.kvcompliance.sandbox.model.SecretDef;
import io.kvcompliance.sandbox.model.VaultRef;
import java.util.List;
import java.util.Optional;

/** The data plane's answers once a caller is admitted: lists, versions and gets of certificates, keys and secrets. */
final class DataPlaneReads {
    private final SandboxContext ctx;
    private final DataPlaneJson json;

    DataPlaneReads(SandboxContext ctx, DataPlaneJson json) {
        this.ctx = ctx;
        this.json = json;
    }

    SandboxResponse list(SandboxRequest req, VaultRef v, String type, String base) {
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

    SandboxResponse versions(SandboxRequest req, VaultRef v, String type, String name, String base) {
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

    SandboxResponse get(VaultRef v, String type, String[] seg, String base) {
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
}
