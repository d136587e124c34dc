package io.kvcompliance.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;

/**
 * Turns an Azure error into a coverage status. The code read is the most specific one the body has:
 * data plane {@code error.innererror.code} (ForbiddenByFirewall, ...), else ARM {@code error.code},
 * else a flat {@code code} (older Microsoft.Insights), else Entra's string {@code error}.
 */
public final class CoverageClassifier {
    /** A status with the code and message that explain it (either may be null). */
    public record Classification(CoverageStatus status, String errorCode, String message) {
    }

    private static final Set<String> NETWORK = Set.of("forbiddenbyfirewall", "forbiddenbyconnection");
    // ForbiddenByRbac also arrives as HTTP 400 from ARM key reads on RBAC vaults (pulumi-azure-nextgen #195)
    private static final Set<String> DENIED_ANY_STATUS = Set.of("forbiddenbyrbac", "forbiddenbypolicy");
    private static final Set<String> DENIED_403 = Set.of("authorizationfailed", "forbidden", "accessdenied");
    private static final String CONSENT_AADSTS = "AADSTS65001";

    private CoverageClassifier() {
    }

    /**
     * @param httpStatus the final status, after the route's retries (a 429 here means retries ran out)
     * @param body       the parsed error body, or null when there was none
     */
    public static Classification classify(int httpStatus, JsonNode body) {
        String code = errorCode(body);
        String message = message(body);
        return new Classification(status(httpStatus, code, message, body), code, message);
    }

    /** For errors that arrive without a JSON body, such as an msal4j exception's error code and message. */
    public static Classification classify(int httpStatus, String errorCode, String message) {
        return new Classification(status(httpStatus, errorCode, message, null), errorCode, message);
    }

    private static CoverageStatus status(int httpStatus, String code, String message, JsonNode body) {
        String c = code == null ? "" : code.toLowerCase(Locale.ROOT);
        if (c.equals("consent_required") || contains(message, CONSENT_AADSTS) || hasErrorCode(body, 65001)) {
            return CoverageStatus.CONSENT_REQUIRED;
        }
        if (NETWORK.contains(c)) {
            return CoverageStatus.BLOCKED_BY_NETWORK;
        }
        if (DENIED_ANY_STATUS.contains(c) || (httpStatus == 403 && DENIED_403.contains(c))) {
            return CoverageStatus.DENIED;
        }
        return httpStatus == 429 ? CoverageStatus.THROTTLED : CoverageStatus.FAILED;
    }

    static String errorCode(JsonNode body) {
        if (body == null) {
            return null;
        }
        String inner = JsonFields.text(body, "/error/innererror/code");
        if (inner != null) {
            return inner;
        }
        String arm = JsonFields.text(body, "/error/code");
        if (arm != null) {
            return arm;
        }
        String flat = JsonFields.text(body, "/code");
        return flat != null ? flat : JsonFields.text(body, "/error");
    }

    static String message(JsonNode body) {
        if (body == null) {
            return null;
        }
        String arm = JsonFields.text(body, "/error/message");
        if (arm != null) {
            return arm;
        }
        String flat = JsonFields.text(body, "/message");
        return flat != null ? flat : JsonFields.text(body, "/error_description");
    }

    private static boolean hasErrorCode(JsonNode body, int aadsts) {
        JsonNode codes = JsonFields.at(body, "/error_codes");
        if (codes != null && codes.isArray()) {
            for (JsonNode c : codes) {
                if (c.asInt() == aadsts) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean contains(String text, String needle) {
        return text != null && text.contains(needle);
    }
}
