package io.kvcompliance.sandbox.model;

/** A private endpoint connection of a vault and its approval state. */
public record PrivateEndpointConnectionDef(String name, String privateEndpointId, String status) {
}
