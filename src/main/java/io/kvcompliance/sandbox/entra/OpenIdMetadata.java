package io.kvcompliance.sandbox.entra;

import io.kvcompliance.sandbox.SandboxContext;
import io.kvcompliance.sandbox.entra.EntraDirectory.TenantRef;
import io.kvcompliance.sandbox.http.SandboxRequest;
import io.kvcompliance.sandbox.http.SandboxResponse;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Discovery documents: the tenant's v2 openid-configuration (fields as Entra serves them, facts §8.3;
 * for common/organizations the issuer keeps Entra's literal {@code {tenantid}} placeholder), the JWKS
 * (empty: sandbox tokens are not RSA-signed) and MSAL's instance discovery, answered for the sandbox
 * host only so a client with discovery left on stays inside the sandbox.
 */
final class OpenIdMetadata {
    static final String OP_CONFIG = "login:openid-configuration";
    static final String OP_INSTANCE = "login:instance-discovery";
    static final String OP_KEYS = "login:jwks";

    private final SandboxContext ctx;

    OpenIdMetadata(SandboxContext ctx) {
        this.ctx = ctx;
    }

    SandboxResponse configuration(TenantRef ref) {
        String host = "https://" + ctx.settings().loginHost();
        String base = host + "/" + ref.segment();
        String tid = ref.isMultiTenant() ? "{tenantid}" : ref.tenant().tenantId();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("token_endpoint", base + "/oauth2/v2.0/token");
        c.put("token_endpoint_auth_methods_supported", List.of("client_secret_post", "private_key_jwt",
                "client_secret_basic"));
        c.put("jwks_uri", base + "/discovery/v2.0/keys");
        c.put("response_modes_supported", List.of("query", "fragment", "form_post"));
        c.put("subject_types_supported", List.of("pairwise"));
        c.put("id_token_signing_alg_values_supported", List.of("RS256"));
        c.put("response_types_supported", List.of("code", "id_token", "code id_token", "id_token token"));
        c.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
        c.put("issuer", host + "/" + tid + "/v2.0");
        c.put("request_uri_parameter_supported", false);
        c.put("userinfo_endpoint", "https://graph.microsoft.com/oidc/userinfo");
        c.put("authorization_endpoint", base + "/oauth2/v2.0/authorize");
        c.put("device_authorization_endpoint", base + "/oauth2/v2.0/devicecode");
        c.put("http_logout_supported", true);
        c.put("frontchannel_logout_supported", true);
        c.put("end_session_endpoint", base + "/oauth2/v2.0/logout");
        c.put("claims_supported", List.of("sub", "iss", "cloud_instance_name", "cloud_instance_host_name",
                "cloud_graph_host_name", "msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce",
                "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email"));
        c.put("kerberos_endpoint", base + "/kerberos");
        c.put("tenant_region_scope", ref.isMultiTenant() ? null : "EU");
        c.put("cloud_instance_name", ctx.settings().dnsSuffix());
        c.put("cloud_graph_host_name", "graph.windows.net");
        c.put("msgraph_host", "graph.microsoft.com");
        c.put("rbac_url", "https://pas.windows.net");
        return SandboxResponse.json(200, c).operation(OP_CONFIG);
    }

    SandboxResponse keys() {
        return SandboxResponse.json(200, Map.of("keys", List.of())).operation(OP_KEYS);
    }

    /** MSAL's {@code /common/discovery/instance}: the sandbox host is its own (only) alias. */
    SandboxResponse instanceDiscovery(SandboxRequest req) {
        String loginHost = ctx.settings().loginHost();
        String endpoint = req.query("authorization_endpoint");
        URI uri = parse(endpoint);
        String[] segments = uri == null || uri.getPath() == null ? new String[0] : uri.getPath().split("/");
        if (uri == null || !loginHost.equalsIgnoreCase(uri.getHost()) || segments.length < 2) {
            return new EntraError(400, "invalid_instance", 50049, "Unknown or invalid instance.", null)
                    .toResponse(req, loginHost, OP_INSTANCE);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tenant_discovery_endpoint", "https://" + loginHost + "/" + segments[1]
                + "/v2.0/.well-known/openid-configuration");
        body.put("api-version", "1.1");
        body.put("metadata", List.of(Map.of("preferred_network", loginHost, "preferred_cache", loginHost,
                "aliases", List.of(loginHost))));
        return SandboxResponse.json(200, body).operation(OP_INSTANCE);
    }

    private static URI parse(String s) {
        try {
            return s == null ? null : new URI(s);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
