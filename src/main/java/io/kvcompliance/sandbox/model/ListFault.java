package io.kvcompliance.sandbox.model;

/**
 * A targeted paging fault on one list of one vault, keyed in {@link VaultDef#faults()} by list
 * name (arm-keys, arm-secrets, dp-certificates, dp-keys, dp-secrets, role-assignments).
 */
public enum ListFault {
    /** The second page is not valid JSON. */
    MALFORMED_PAGE,
    /** The second page's nextLink points back at the first page. */
    LOOPING_NEXT_LINK,
    /** The first page's nextLink points at a host that is not Azure's. */
    FOREIGN_NEXT_LINK
}
