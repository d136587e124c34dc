package io.kvcompliance.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CoverageClassifierTest {
    private static JsonNode dataPlane(String inner) {
        return json("{\"error\":{\"code\":\"Forbidden\",\"message\":\"m\",\"innererror\":{\"code\":\"" + inner + "\"}}}");
    }

    private static JsonNode arm(String code) {
        return json("{\"error\":{\"code\":\"" + code + "\",\"message\":\"m\"}}");
    }

    private static JsonNode json(String text) {
        try {
            return GoldenFiles.JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({"403, ForbiddenByFirewall, BLOCKED_BY_NETWORK", "403, ForbiddenByConnection, BLOCKED_BY_NETWORK",
            "403, ForbiddenByRbac, DENIED", "403, ForbiddenByPolicy, DENIED", "400, ForbiddenByRbac, DENIED",
            "403, SomethingNew, FAILED"})
    void dataPlaneInnerErrorDecides(int status, String inner, CoverageStatus expected) {
        CoverageClassifier.Classification c = CoverageClassifier.classify(status, dataPlane(inner));
        assertThat(c.status()).isEqualTo(expected);
        assertThat(c.errorCode()).isEqualTo(inner);
        assertThat(c.message()).isEqualTo("m");
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({"403, AuthorizationFailed, DENIED", "403, Forbidden, DENIED", "403, AccessDenied, DENIED",
            "401, AuthorizationFailed, FAILED", "429, SubscriptionRequestsThrottled, THROTTLED", "429, Throttled, THROTTLED",
            "404, ResourceNotFound, FAILED", "500, InternalServerError, FAILED", "401, InvalidAuthenticationToken, FAILED"})
    void armErrorCodeAndStatusDecide(int status, String code, CoverageStatus expected) {
        assertThat(CoverageClassifier.classify(status, arm(code)).status()).isEqualTo(expected);
    }

    @Test
    void consentRequiredIsRecognisedByErrorByAadstsCodeOrByMessage() {
        assertThat(CoverageClassifier.classify(400, json("{\"error\":\"consent_required\"}")).status())
                .isEqualTo(CoverageStatus.CONSENT_REQUIRED);
        assertThat(CoverageClassifier.classify(400, json("{\"error\":\"invalid_grant\",\"error_codes\":[65001]}")).status())
                .isEqualTo(CoverageStatus.CONSENT_REQUIRED);
        assertThat(CoverageClassifier.classify(0, "invalid_grant", "AADSTS65001: The user or administrator has not consented")
                .status()).isEqualTo(CoverageStatus.CONSENT_REQUIRED);
        assertThat(CoverageClassifier.classify(400, json("{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS70008\"}"))
                .status()).isEqualTo(CoverageStatus.FAILED);
    }

    @Test
    void flatInsightsErrorBodyIsRead() {
        CoverageClassifier.Classification c = CoverageClassifier.classify(403,
                json("{\"code\":\"AuthorizationFailed\",\"message\":\"flat\"}"));
        assertThat(c.status()).isEqualTo(CoverageStatus.DENIED);
        assertThat(c.message()).isEqualTo("flat");
    }

    @Test
    void missingBodyFallsBackOnTheStatus() {
        assertThat(CoverageClassifier.classify(429, (JsonNode) null).status()).isEqualTo(CoverageStatus.THROTTLED);
        assertThat(CoverageClassifier.classify(403, (JsonNode) null).status()).isEqualTo(CoverageStatus.FAILED);
        assertThat(CoverageClassifier.classify(503, (JsonNode) null).errorCode()).isNull();
    }
}
