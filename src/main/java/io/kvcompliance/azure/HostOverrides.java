package io.kvcompliance.azure;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * "Connect-to" overrides for HTTP clients, like curl's --connect-to: a request for
 * {@code https://management.sandbox.test/...} keeps that host name (Host header, TLS SNI and
 * certificate check) but connects to {@code 127.0.0.1:<port>}. This is how a cloud whose hosts do
 * not resolve (the sandbox) or sit behind a private endpoint is reached; other names use system DNS.
 * Patterns are exact host names or {@code *.suffix} (any depth below the suffix).
 */
public final class HostOverrides implements DnsResolver {
    /** One rule: hosts matching the pattern connect to the target. */
    public record Rule(String pattern, InetSocketAddress target) {
        boolean matches(String host) {
            String h = host.toLowerCase(Locale.ROOT);
            String p = pattern.toLowerCase(Locale.ROOT);
            return p.startsWith("*.") ? h.endsWith(p.substring(1)) : h.equals(p);
        }
    }

    private final List<Rule> rules;

    public HostOverrides(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Parses "pattern=host:port" entries, comma-separated (the kv.cloud.connect-to syntax). */
    public static HostOverrides parse(String spec) {
        List<Rule> rules = new ArrayList<>();
        if (spec != null) {
            for (String entry : spec.split(",")) {
                String e = entry.trim();
                if (e.isEmpty()) {
                    continue;
                }
                int eq = e.indexOf('=');
                int colon = e.lastIndexOf(':');
                if (eq <= 0 || colon < eq) {
                    throw new IllegalArgumentException("connect-to entry '" + e + "' is not pattern=host:port,"
                            + " e.g. *.sandbox.test=127.0.0.1:8443");
                }
                String host = e.substring(eq + 1, colon);
                int port = Integer.parseInt(e.substring(colon + 1));
                rules.add(new Rule(e.substring(0, eq), InetSocketAddress.createUnresolved(host, port)));
            }
        }
        return new HostOverrides(rules);
    }

    public static HostOverrides of(Map<String, InetSocketAddress> rules) {
        List<Rule> list = new ArrayList<>();
        rules.forEach((p, t) -> list.add(new Rule(p, t)));
        return new HostOverrides(list);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Same rules in the same order (so CloudEndpoints, a record holding this, compares by value). */
    @Override
    public boolean equals(Object other) {
        return other instanceof HostOverrides o && rules.equals(o.rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }

    /** The override for a host, if any. */
    public InetSocketAddress targetOf(String host) {
        for (Rule rule : rules) {
            if (rule.matches(host)) {
                return rule.target();
            }
        }
        return null;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetSocketAddress target = targetOf(host);
        if (target == null) {
            return SystemDefaultDnsResolver.INSTANCE.resolve(host);
        }
        return InetAddress.getAllByName(target.getHostString());
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        InetSocketAddress target = targetOf(host);
        if (target == null) {
            return SystemDefaultDnsResolver.INSTANCE.resolve(host, port);
        }
        List<InetSocketAddress> out = new ArrayList<>();
        for (InetAddress address : InetAddress.getAllByName(target.getHostString())) {
            out.add(new InetSocketAddress(address, target.getPort()));
        }
        return out;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return targetOf(host) != null ? host : SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }
}
