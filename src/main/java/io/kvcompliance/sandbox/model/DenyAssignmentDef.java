package io.kvcompliance.sandbox.model;

import java.util.List;

/** A deny assignment at vault scope: the listed principals ("*" for everyone) may not perform the actions. */
public record DenyAssignmentDef(List<String> principals, List<String> actions, List<String> dataActions) {
    public DenyAssignmentDef {
        principals = Lists.orEmpty(principals);
        actions = Lists.orEmpty(actions);
        dataActions = Lists.orEmpty(dataActions);
    }
}
