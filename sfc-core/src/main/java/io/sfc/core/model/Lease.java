package io.sfc.core.model;

/**
 * A lease this node holds: the service, the holder and the fencing token.
 *
 * @param service service name
 * @param holder node id
 * @param epoch fencing token, strictly increasing with every acquisition
 */
public record Lease(String service, String holder, long epoch) {}
