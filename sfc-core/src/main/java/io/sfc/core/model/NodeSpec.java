package io.sfc.core.model;

/**
 * A master node of the cluster.
 *
 * @param id unique, stable node id (the lease holder name)
 * @param host host name or address, for display and remote access
 * @param candidate false when the node's controller must never run a service ({@code candidate:
 *     false}); it still observes, reports, fences and serves its API
 */
public record NodeSpec(String id, String host, boolean candidate) {

  /** A node that may run services. */
  public NodeSpec(String id, String host) {
    this(id, host, true);
  }
}
