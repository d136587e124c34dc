package io.kvcompliance.sandbox.model;

import java.util.List;

/** Vault firewall: default action, trusted-service bypass, IP rules and virtual network rules. */
public record NetworkAclsDef(String bypass, String defaultAction, List<String> ipRules, List<String> virtualNetworkRules) {
    public NetworkAclsDef {
        bypass = bypass == null ? "AzureServices" : bypass;
        defaultAction = defaultAction == null ? "Allow" : defaultAction;
        ipRules = Lists.orEmpty(ipRules);
        virtualNetworkRules = Lists.orEmpty(virtualNetworkRules);
    }
}
