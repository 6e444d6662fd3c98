package io.sfc.core.model;

/**
 * A master node of the cluster.
 *
 * @param id unique, stable node id (the lease holder name)
 * @param host host name or address, for display and remote access
 */
public record NodeSpec(String id, String host) {}
