package io.kvcompliance.pipeline;

import io.kvcompliance.auth.SignInException;
import io.kvcompliance.azure.EgressDeniedException;
import io.kvcompliance.azure.ForeignNextLinkException;
import io.kvcompliance.azure.MalformedPageException;
import io.kvcompliance.azure.NextLinkLoopException;
import io.kvcompliance.azure.PageLimitExceededException;
import io.kvcompliance.records.CoverageClassifier;

/**
 * Names the coverage gap a failed read leaves: network blocks and permission denials are findings
 * about the tenant; throttling, paging faults and server errors mean the read itself failed.
 */
final class FailureClassifier {
    /** A coverage gap: status, HTTP status, Azure error code, and a one-line message. */
    record Gap(String status, Integer httpStatus, String errorCode, String message) {
    }

    private FailureClassifier() {
    }

    static Gap classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AzureCallException a) {
                return azure(a);
            }
            if (t instanceof SignInException s) {
                CoverageClassifier.Classification c = CoverageClassifier.classify(0, s.errorCode(), s.getMessage());
                return new Gap(c.status().name(), null, s.errorCode(), s.getMessage());
            }
            String code = pagingCode(t);
            if (code != null) {
                return new Gap("FAILED", null, code, t.getMessage());
            }
        }
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new Gap("FAILED", null, root.getClass().getSimpleName(), String.valueOf(root.getMessage()));
    }

    /** HTTP failures are classified by the records' one rule, so a gap reads the same wherever it came from. */
    private static Gap azure(AzureCallException a) {
        CoverageClassifier.Classification c = CoverageClassifier.classify(a.status(), a.errorCode(), a.getMessage());
        return new Gap(c.status().name(), a.status() == 0 ? null : a.status(), a.errorCode(), a.getMessage());
    }

    private static String pagingCode(Throwable t) {
        if (t instanceof MalformedPageException) {
            return "MalformedPage";
        }
        if (t instanceof NextLinkLoopException) {
            return "NextLinkLoop";
        }
        if (t instanceof ForeignNextLinkException) {
            return "ForeignNextLink";
        }
        if (t instanceof PageLimitExceededException) {
            return "PageLimitExceeded";
        }
        if (t instanceof EgressDeniedException) {
            return "EgressDenied";
        }
        return null;
    }
}
