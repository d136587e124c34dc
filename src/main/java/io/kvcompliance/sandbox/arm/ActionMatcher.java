package io.kvcompliance.sandbox.arm;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Matches Azure RBAC action strings against role patterns, case-insensitively. {@code *} matches any
 * text; a {@code /*}{@code /} segment also matches no segment at all, which is how Key Vault Reader's
 * {@code Microsoft.KeyVault/vaults/*}{@code /read} lets it read the vault itself, as it does in Azure.
 */
final class ActionMatcher {
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private ActionMatcher() {
    }

    static boolean matches(String pattern, String action) {
        return CACHE.computeIfAbsent(pattern, ActionMatcher::compile).matcher(action).matches();
    }

    static boolean anyMatches(List<String> patterns, String action) {
        for (String p : patterns) {
            if (matches(p, action)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the allowed patterns grant the action and the not-patterns do not take it away. */
    static boolean grants(List<String> allowed, List<String> denied, String action) {
        return anyMatches(allowed, action) && !anyMatches(denied, action);
    }

    private static Pattern compile(String pattern) {
        StringBuilder regex = new StringBuilder();
        String[] parts = pattern.split("/\\*/", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append("(?:/.*)?/");
            }
            String[] stars = parts[i].split("\\*", -1);
            for (int j = 0; j < stars.length; j++) {
                if (j > 0) {
                    regex.append(".*");
                }
                regex.append(Pattern.quote(stars[j]));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
