package io.kvcompliance.sandbox.entra;

import io.kvcompliance.sandbox.model.ApplicationDef;
import io.kvcompliance.sandbox.model.TenantDef;
import io.kvcompliance.sandbox.model.TenantStore;
import io.kvcompliance.sandbox.model.UserDef;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Entra ID's view of the fixture plus the state sign-ins create: which tenant a path segment names,
 * which app and user a request means, the consents users gave per (user, client, resource), client
 * certificates registered at run time, and the outstanding grants.
 */
public final class EntraDirectory {
    /** Tenant-less authorities: the user's home tenant decides the token's tenant. */
    public static final Set<String> MULTI_TENANT = Set.of("common", "organizations");

    /** A tenant as a path addresses it; {@code tenant} is null for common and organizations. */
    public record TenantRef(String segment, TenantDef tenant) {
        public boolean isMultiTenant() {
            return tenant == null;
        }

        /** How Entra names the directory in messages: the GUID, or the segment for common. */
        public String name() {
            return tenant == null ? segment : tenant.tenantId();
        }
    }

    /** A user with its home tenant. */
    public record HomedUser(TenantDef tenant, UserDef user) {
    }

    /** An app registration with the tenant that holds it. */
    public record HomedApp(TenantDef tenant, ApplicationDef app) {
    }

    private final TenantStore store;
    private final GrantStore grants = new GrantStore();
    private final Set<String> consents = ConcurrentHashMap.newKeySet();
    private final ClientCertificates certificates = new ClientCertificates();

    public EntraDirectory(TenantStore store) {
        this.store = store;
    }

    GrantStore grants() {
        return grants;
    }

    public Optional<TenantRef> tenantRef(String segment) {
        if (segment == null || segment.isEmpty()) {
            return Optional.empty();
        }
        if (MULTI_TENANT.contains(segment.toLowerCase(Locale.ROOT))) {
            return Optional.of(new TenantRef(segment.toLowerCase(Locale.ROOT), null));
        }
        return store.tenant(segment).map(t -> new TenantRef(segment, t));
    }

    /** For user flows: the app in the addressed tenant, else a (multi-tenant) app registered elsewhere. */
    public Optional<HomedApp> application(TenantRef ref, String clientId) {
        if (ref.tenant() != null) {
            Optional<HomedApp> local = applicationIn(ref.tenant(), clientId);
            if (local.isPresent()) {
                return local;
            }
        }
        return store.tenants().stream().map(t -> applicationIn(t, clientId)).flatMap(Optional::stream).findFirst();
    }

    /** For client credentials the service principal must live in the token's tenant. */
    public Optional<HomedApp> applicationIn(TenantDef tenant, String clientId) {
        return tenant.applications().stream().filter(a -> a.appId().equalsIgnoreCase(clientId == null ? "" : clientId))
                .findFirst().map(a -> new HomedApp(tenant, a));
    }

    /** A user by UPN or object id, limited to the addressed tenant unless it is common/organizations. */
    public Optional<HomedUser> user(TenantRef ref, String upnOrOid) {
        if (upnOrOid == null || upnOrOid.isBlank()) {
            return Optional.empty();
        }
        String key = upnOrOid.trim();
        return tenants(ref).flatMap(t -> t.users().stream()
                        .filter(u -> key.equalsIgnoreCase(u.userPrincipalName()) || key.equalsIgnoreCase(u.objectId()))
                        .map(u -> new HomedUser(t, u)))
                .findFirst();
    }

    public Optional<HomedUser> userById(String tenantId, String oid) {
        return store.tenant(tenantId).flatMap(t -> user(new TenantRef(tenantId, t), oid));
    }

    public Optional<HomedUser> user(String upnOrOid) {
        return user(new TenantRef("organizations", null), upnOrOid);
    }

    /** The fixture's default user of the addressed tenant (first tenant that has one for common). */
    public Optional<HomedUser> defaultUser(TenantRef ref) {
        return tenants(ref).flatMap(t -> t.users().stream().filter(UserDef::isDefault).map(u -> new HomedUser(t, u)))
                .findFirst();
    }

    /** Users the sign-in page offers, capped so a generated tenant does not produce a huge page. */
    public List<HomedUser> signInCandidates(TenantRef ref, int limit) {
        return tenants(ref).flatMap(t -> t.users().stream().limit(limit).map(u -> new HomedUser(t, u)))
                .limit(limit).toList();
    }

    private Stream<TenantDef> tenants(TenantRef ref) {
        return ref.tenant() != null ? Stream.of(ref.tenant()) : store.tenants().stream();
    }

    public boolean hasConsent(String userOid, String clientId, String resource) {
        return consents.contains(consentKey(userOid, clientId, resource));
    }

    /** Records consent; false when the fixture blocks this user from consenting to the resource. */
    public boolean grantConsent(UserDef user, String clientId, String resource) {
        if (isBlocked(user, resource)) {
            return false;
        }
        consents.add(consentKey(user.objectId(), clientId, resource));
        return true;
    }

    public boolean isBlocked(UserDef user, String resource) {
        return user.blockedConsentResources().stream().anyMatch(b -> AzureResources.resourceOf(b)
                .map(r -> r.equals(resource)).orElse(trim(b).equalsIgnoreCase(trim(resource))));
    }

    private static String consentKey(String userOid, String clientId, String resource) {
        return (userOid + "|" + clientId + "|" + resource).toLowerCase(Locale.ROOT);
    }

    private static String trim(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    public void registerClientCertificate(String appId, X509Certificate cert) {
        boolean known = store.tenants().stream().anyMatch(t -> applicationIn(t, appId).isPresent());
        if (!known) {
            throw new IllegalArgumentException("No application with appId '" + appId + "' in the sandbox fixture");
        }
        certificates.register(appId, cert);
    }

    /** The fixture's PEM certificates of the app plus those registered at run time. */
    public List<X509Certificate> certificates(ApplicationDef app) {
        return certificates.of(app);
    }

    /** Throws consent_required (AADSTS65001) unless the user consented to the resource for this client. */
    void requireConsent(HomedUser user, HomedApp app, String resource) {
        if (!hasConsent(user.user().objectId(), app.app().appId(), resource)) {
            throw EntraError.consentRequired(app.app().appId(), app.app().displayName()).exception();
        }
    }
}
