package io.kvcompliance.sandbox.arm;

import io.kvcompliance.sandbox.SandboxContext;
import io.kvcompliance.sandbox.http.SandboxMetrics.ViolationKind;
import io.kvcompliance.sandbox.http.SandboxRequest;
import io.kvcompliance.sandbox.http.SandboxResponse;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resource Manager as the sandbox serves it: the read-only GET paths a Key Vault collector uses,
 * on their real paths and api-versions. Anything but GET is a write attempt, counted as a violation
 * and refused. Every answer carries ARM's request-id and remaining-reads headers.
 */
public final class ArmHandler {
    static final List<String> SUBSCRIPTION_VERSIONS = List.of("2016-06-01", "2019-06-01", "2019-11-01", "2020-01-01",
            "2021-01-01", "2022-12-01");
    static final List<String> KEYVAULT_VERSIONS = List.of("2019-09-01", "2021-10-01", "2022-07-01", "2022-11-01",
            "2023-02-01", "2023-07-01", "2024-11-01", "2025-05-01", "2026-02-01");
    static final List<String> AUTHORIZATION_VERSIONS = List.of("2015-07-01", "2018-01-01-preview",
            "2020-04-01-preview", "2020-10-01-preview", "2022-04-01");
    static final List<String> INSIGHTS_VERSIONS = List.of("2017-05-01-preview", "2021-05-01-preview");

    private static final String SUB = "/subscriptions/([^/]+)";
    private static final String RG = "/resourcegroups/([^/]+)";
    private static final String KV = "/providers/microsoft\\.keyvault";

    private record Route(Pattern pattern, Function<Matcher, Function<SandboxRequest, SandboxResponse>> target) {
    }

    private final SandboxContext ctx;
    private final List<Route> routes;

    public ArmHandler(SandboxContext ctx) {
        this.ctx = ctx;
        ArmVaultRoutes vaults = new ArmVaultRoutes(ctx);
        ArmAccessRoutes access = new ArmAccessRoutes(ctx);
        ArmDiagnosticRoutes diagnostics = new ArmDiagnosticRoutes(ctx);
        routes = List.of(
                route("(.*)/providers/microsoft\\.authorization/roleassignments", m -> r -> access.roleAssignments(r, m.group(1))),
                route("(.*)/providers/microsoft\\.authorization/roledefinitions(?:/([^/]+))?",
                        m -> r -> access.roleDefinitions(r, m.group(1), m.group(2))),
                route(SUB + RG + KV + "/vaults/([^/]+)/providers/microsoft\\.insights/diagnosticsettings",
                        m -> r -> diagnostics.diagnosticSettings(r, m.group(1), m.group(2), m.group(3))),
                route("/subscriptions", m -> vaults::subscriptions),
                route(SUB, m -> r -> vaults.subscription(r, m.group(1))),
                route(SUB + KV + "/vaults", m -> r -> vaults.vaults(r, m.group(1), null)),
                route(SUB + RG + KV + "/vaults", m -> r -> vaults.vaults(r, m.group(1), m.group(2))),
                route(SUB + RG + KV + "/vaults/([^/]+)", m -> r -> vaults.vault(r, m.group(1), m.group(2), m.group(3))),
                route(SUB + RG + KV + "/vaults/([^/]+)/(keys|secrets)",
                        m -> r -> vaults.objects(r, m.group(1), m.group(2), m.group(3), m.group(4), null)),
                route(SUB + RG + KV + "/vaults/([^/]+)/(keys|secrets)/([^/]+)",
                        m -> r -> vaults.objects(r, m.group(1), m.group(2), m.group(3), m.group(4), m.group(5))),
                route(SUB + KV + "/deletedvaults", m -> r -> vaults.deletedVaults(r, m.group(1))),
                route(SUB + KV + "/managedhsms", m -> r -> vaults.managedHsms(r, m.group(1), null, null)),
                route(SUB + RG + KV + "/managedhsms", m -> r -> vaults.managedHsms(r, m.group(1), m.group(2), null)),
                route(SUB + RG + KV + "/managedhsms/([^/]+)",
                        m -> r -> vaults.managedHsms(r, m.group(1), m.group(2), m.group(3))));
    }

    private static Route route(String regex, Function<Matcher, Function<SandboxRequest, SandboxResponse>> target) {
        return new Route(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), target);
    }

    public SandboxResponse handle(SandboxRequest req) {
        String path = req.path().length() > 1 && req.path().endsWith("/")
                ? req.path().substring(0, req.path().length() - 1) : req.path();
        if (!req.method().equals("GET")) {
            return writeRefused(req, path);
        }
        for (Route route : routes) {
            Matcher m = route.pattern().matcher(path);
            if (m.matches()) {
                SandboxResponse r = route.target().apply(m).apply(req);
                return r.header("x-ms-request-id", UUID.randomUUID().toString())
                        .header("x-ms-correlation-request-id", UUID.randomUUID().toString());
            }
        }
        return ArmErrors.error(404, "InvalidResourceType", "The resource type could not be found for path '"
                + path + "'.").operation("arm:unknown");
    }

    private SandboxResponse writeRefused(SandboxRequest req, String path) {
        ctx.metrics().violation(ViolationKind.WRITE_ATTEMPTED, req);
        return ArmErrors.error(403, "AuthorizationFailed", "The sandbox is read-only: " + req.method() + " "
                + path + " was refused and counted as a write attempt.").operation("arm:write-refused");
    }

    /** Checks the api-version against the versions the resource type supports. */
    static SandboxResponse checkApiVersion(SandboxRequest req, String resourceType, List<String> supported) {
        String version = req.query("api-version");
        if (version == null) {
            return ArmErrors.missingApiVersion();
        }
        if (!supported.contains(version.toLowerCase(Locale.ROOT))) {
            return ArmErrors.invalidApiVersion(version, resourceType, supported);
        }
        return null;
    }

}
