package io.kvcompliance.sandbox.arm;

import io.kvcompliance.sandbox.http.SandboxResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resource Manager error answers with the codes and message shapes ARM sends
 * (see azure-api-facts §7.1): {@code {"error":{"code","message"}}}.
 */
final class ArmErrors {
    private ArmErrors() {
    }

    static SandboxResponse error(int status, String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        return SandboxResponse.json(status, Map.of("error", error));
    }

    static SandboxResponse authorizationFailed(String clientId, String objectId, String action, String scope) {
        return error(403, "AuthorizationFailed", "The client '" + clientId + "' with object id '" + objectId
                + "' does not have authorization to perform action '" + action + "' over scope '" + scope
                + "' or the scope is invalid. If access was recently granted, please refresh your credentials.");
    }

    static SandboxResponse missingApiVersion() {
        return error(400, "MissingApiVersionParameter",
                "The api-version query parameter (?api-version=) is required for all requests.");
    }

    static SandboxResponse invalidApiVersion(String given, String resourceType, java.util.List<String> supported) {
        return error(400, "InvalidApiVersionParameter", "The api-version '" + given + "' is invalid. The supported"
                + " versions for resource type '" + resourceType + "' are '" + String.join(",", supported) + "'.");
    }

    static SandboxResponse resourceNotFound(String type, String name, String group) {
        return error(404, "ResourceNotFound", "The Resource '" + type + "/" + name + "' under resource group '"
                + group + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    }

    static SandboxResponse subscriptionNotFound(String subscriptionId) {
        return error(404, "SubscriptionNotFound", "The subscription '" + subscriptionId + "' could not be found.");
    }

    static SandboxResponse resourceGroupNotFound(String group) {
        return error(404, "ResourceGroupNotFound", "Resource group '" + group + "' could not be found.");
    }

    static SandboxResponse throttled(String subscriptionOrTenant, String objectId, long retryAfter) {
        return error(429, "SubscriptionRequestsThrottled", "Number of 'read' requests for subscription '"
                + subscriptionOrTenant + "' actor '" + objectId + "' exceeded. Please try again after '" + retryAfter
                + "' seconds after additional tokens are available. Refer to https://aka.ms/arm-throttling for"
                + " additional information.").header("Retry-After", Long.toString(retryAfter));
    }
}
