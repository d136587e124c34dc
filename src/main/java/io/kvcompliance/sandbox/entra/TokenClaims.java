package io.kvcompliance.sandbox.entra;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The claims of a sandbox access token, named as Entra ID names them: audience (the resource),
 * issuer and tenant, the principal (oid; upn for users), the client (appid), delegated scopes (scp)
 * or app roles, and its lifetime in Unix seconds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenClaims(
        String aud,
        String iss,
        String tid,
        String oid,
        String sub,
        String appid,
        String upn,
        String name,
        String scp,
        String idtyp,
        long iat,
        long nbf,
        long exp,
        String uti) {

    /** The issuer Entra ID puts in v1 access tokens for Azure resources. */
    public static String issuerFor(String tenantId) {
        return "https://sts.windows.net/" + tenantId + "/";
    }

    public boolean expiredAt(long epochSeconds) {
        return exp <= epochSeconds;
    }

    @JsonIgnore // a helper, not a claim: without this Jackson would write "app": true into every token
    public boolean isApp() {
        return "app".equals(idtyp);
    }
}
