package io.kvcompliance.auth;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.kvcompliance.azure.CloudEndpoints;
import java.net.MalformedURLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Service-principal sign-in with a client secret through msal4j's client credentials flow, for
 * unattended runs. msal4j caches the app token and hands it out until it nears expiry; after a 401
 * the next acquisition skips the cache once.
 */
public final class ClientCredentialsTokens implements AccessTokens {
    private static final Set<String> MICROSOFT_AUTHORITIES = Set.of("login.microsoftonline.com",
            "login.chinacloudapi.cn", "login.microsoftonline.us");

    private final ConfidentialClientApplication app;
    private final MsalHttpClient http;
    private final CloudEndpoints cloud;
    private final String tenantId;
    private final String clientId;
    private final Map<Audience, Boolean> rejected = new EnumMap<>(Audience.class);

    public ClientCredentialsTokens(CloudEndpoints cloud, String tenantId, String clientId, String clientSecret,
                                   Duration timeout) {
        this(cloud, tenantId, clientId, ClientCredentialFactory.createFromSecret(
                require("kv.auth.client-secret (environment variable KV_AUTH_CLIENT_SECRET)", clientSecret)), timeout);
    }

    /** With a secret or a certificate credential (see {@link ServicePrincipalCredential}). */
    public ClientCredentialsTokens(CloudEndpoints cloud, String tenantId, String clientId, IClientCredential credential,
                                   Duration timeout) {
        this.cloud = cloud;
        this.tenantId = require("kv.auth.tenant-id", tenantId);
        this.clientId = require("kv.auth.client-id", clientId);
        this.http = new MsalHttpClient(cloud.trustStore() == null ? null : cloud.sslContext(), cloud.connectTo(),
                timeout, timeout);
        try {
            this.app = ConfidentialClientApplication.builder(clientId, credential)
                    .authority(cloud.authorityHost() + "/" + tenantId + "/")
                    // discovery would call login.microsoftonline.com about a host it does not know
                    .instanceDiscovery(MICROSOFT_AUTHORITIES.contains(cloud.authorityHost().getHost()))
                    .httpClient(http)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("kv.auth.tenant-id '" + tenantId + "' does not make a valid authority"
                    + " URL with " + cloud.authorityHost() + ": use the tenant GUID or its domain", e);
        }
    }

    private static String require(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is not set: service-principal sign-in needs it");
        }
        return value;
    }

    @Override
    public String accessToken(Audience audience) {
        String scope = audience == Audience.RESOURCE_MANAGER ? cloud.resourceManagerAppScope() : cloud.keyVaultAppScope();
        boolean skipCache;
        synchronized (rejected) {
            skipCache = Boolean.TRUE.equals(rejected.remove(audience));
        }
        try {
            IAuthenticationResult result = app.acquireToken(ClientCredentialParameters.builder(Set.of(scope))
                    .skipCache(skipCache).build()).get();
            return result.accessToken();
        } catch (ExecutionException | CompletionException e) {
            throw signInFailure(e.getCause() != null ? e.getCause() : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInException("sign-in interrupted", null, false, null);
        }
    }

    private SignInException signInFailure(Throwable cause) {
        if (cause instanceof MsalServiceException service) {
            String code = service.errorCode();
            String fix = switch (code == null ? "" : code) {
                case "invalid_client" -> "check kv.auth.client-id and the secret in KV_AUTH_CLIENT_SECRET or the certificate"
                        + " in kv.auth.client-certificate (it may have expired or not be registered on the app)";
                case "unauthorized_client" -> "the app is not a confidential client in tenant " + tenantId;
                case "invalid_request" -> "check kv.auth.tenant-id (" + tenantId + ")";
                default -> "see the Entra error code";
            };
            // msal4j's message is Entra's error_description (AADSTS code and text), which never holds the secret
            return new SignInException("Service-principal sign-in of app " + clientId + " in tenant " + tenantId
                    + " failed (" + code + "): " + SignInException.firstLine(service.getMessage()) + " Fix: " + fix + ".", code, false, null);
        }
        if (cause instanceof MsalException msal) {
            return new SignInException("Service-principal sign-in of app " + clientId + " failed: "
                    + SignInException.firstLine(msal.getMessage()) + " Check kv.cloud.authority-host (" + cloud.authorityHost()
                    + ") and the network path to it.", msal.errorCode(), false, null);
        }
        return new SignInException("Service-principal sign-in of app " + clientId + " failed: " + cause.getClass().getSimpleName()
                + ". Check kv.cloud.authority-host (" + cloud.authorityHost() + ") and the trust store.", null, false, null);
    }

    @Override
    public void invalidate(Audience audience) {
        synchronized (rejected) {
            rejected.put(audience, true);
        }
    }

    @Override
    public String describe() {
        return "service principal " + clientId + " in tenant " + tenantId;
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (java.io.IOException e) {
            // closing idle connections to the authority; nothing left to save
        }
    }
}
