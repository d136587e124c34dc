package io.kvcompliance.sandbox.model;

import java.util.List;

/** A security group; role assignments to it apply to its members (users or service principals). */
public record GroupDef(String objectId, String displayName, List<String> members) {
    public GroupDef {
        members = Lists.orEmpty(members);
    }
}
