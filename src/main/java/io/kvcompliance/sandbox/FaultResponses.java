package io.kvcompliance.sandbox;

import io.kvcompliance.sandbox.SandboxRouter.Api;
import io.kvcompliance.sandbox.http.FaultPolicy.Fault;
import io.kvcompliance.sandbox.http.SandboxMetrics;
import io.kvcompliance.sandbox.http.SandboxResponse;
import java.util.Map;

/** The answers an injected fault replaces a response with, shaped as each API sends them. */
final class FaultResponses {
    private FaultResponses() {
    }

    static SandboxResponse apply(Fault fault, SandboxResponse original, Api api, SandboxMetrics metrics) {
        switch (fault) {
            case SERVER_ERROR:
                metrics.countFault("500");
                return error(500, api == Api.ARM ? "InternalServerError" : "InternalError",
                        "Encountered internal server error. Diagnostic information: timestamp '"
                                + java.time.Instant.now() + "'.", original.operation());
            case SERVICE_UNAVAILABLE:
                metrics.countFault("503");
                return error(503, "ServiceUnavailable", "The service is temporarily unavailable; retry later.",
                        original.operation());
            case CONNECTION_RESET:
                metrics.countFault("reset");
                return SandboxResponse.connectionReset().operation(original.operation());
            case SLOW:
                metrics.countFault("slow");
                return original;
            default:
                return original;
        }
    }

    private static SandboxResponse error(int status, String code, String message, String operation) {
        return SandboxResponse.json(status, Map.of("error", Map.of("code", code, "message", message)))
                .header("x-ms-request-id", java.util.UUID.randomUUID().toString())
                .operation(operation);
    }
}
