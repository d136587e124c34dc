package io.kvcompliance.sandbox.dataplane;

import io.kvcompliance.sandbox.model.CertificateDef;
import io.kvcompliance.sandbox.model.KeyDef;
import io.kvcompliance.sandbox.model.SecretDef;
import io.kvcompliance.sandbox.model.VaultDef;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The objects the data plane lists. Like Key Vault, every certificate brings a managed key and a
 * managed secret of the same name ({@code managed: true}), so the key and secret lists are the
 * vault's own objects followed by the certificate-backed ones, as lazy views over the fixture.
 */
final class DataPlaneObjects {
    private DataPlaneObjects() {
    }

    static List<KeyDef> keys(VaultDef v) {
        return concat(v.keys(), v.certificates(), DataPlaneObjects::backingKey, KeyDef::name, KeyDef::managed);
    }

    static List<SecretDef> secrets(VaultDef v) {
        return concat(v.secrets(), v.certificates(), DataPlaneObjects::backingSecret, SecretDef::name, SecretDef::managed);
    }

    static Optional<KeyDef> key(VaultDef v, String name) {
        return find(keys(v), name, KeyDef::name);
    }

    static Optional<SecretDef> secret(VaultDef v, String name) {
        return find(secrets(v), name, SecretDef::name);
    }

    static Optional<CertificateDef> certificate(VaultDef v, String name) {
        return find(v.certificates(), name, CertificateDef::name);
    }

    private static <T> Optional<T> find(List<T> list, String name, Function<T, String> nameOf) {
        for (T item : list) {
            if (nameOf.apply(item).equalsIgnoreCase(name)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    static KeyDef backingKey(CertificateDef c) {
        List<String> ops = c.kty().startsWith("EC") ? List.of("sign", "verify") : List.of("sign", "verify", "wrapKey",
                "unwrapKey", "encrypt", "decrypt");
        return new KeyDef(c.name(), c.kty(), c.keySize(), c.curveName(), ops, c.enabled(), c.notBefore(), c.expires(),
                c.created(), c.updated(), null, c.exportable(), null, Map.of(), true);
    }

    static SecretDef backingSecret(CertificateDef c) {
        return new SecretDef(c.name(), c.contentType(), c.enabled(), c.notBefore(), c.expires(), c.created(),
                c.updated(), null, Map.of(), null, true);
    }

    /** Own objects, then backing objects for the certificates whose managed object the fixture does not declare. */
    private static <A> List<A> concat(List<A> own, List<CertificateDef> all, Function<CertificateDef, A> backing,
                                      Function<A, String> name, Predicate<A> managed) {
        if (all.isEmpty()) {
            return own;
        }
        Set<String> declared = new HashSet<>();
        for (A item : own) {
            if (managed.test(item)) {
                declared.add(name.apply(item).toLowerCase(Locale.ROOT));
            }
        }
        List<CertificateDef> certificates = declared.isEmpty() ? all
                : all.stream().filter(c -> !declared.contains(c.name().toLowerCase(Locale.ROOT))).toList();
        return new AbstractList<>() {
            @Override
            public A get(int index) {
                return index < own.size() ? own.get(index) : backing.apply(certificates.get(index - own.size()));
            }

            @Override
            public int size() {
                return own.size() + certificates.size();
            }
        };
    }
}
