package io.sfc.core.port;

import io.sfc.core.model.Directives;
import io.sfc.core.model.Switchover;

/**
 * Operator directives (maintenance pause, planned switchover) kept in the metastore next to the
 * leases, so that every controller sees them in its next loop.
 *
 * <p>Contract (checked by the shared contract test suite):
 *
 * <ul>
 *   <li>{@link #read} of a service reports it paused when the service itself or the whole cluster
 *       ({@link #ALL}) is paused; a cluster-wide resume does not clear a per-service pause.
 *   <li>At most one switchover request per service; a new request replaces the old one.
 *   <li>{@link #clearSwitchover} removes the request only when it still concerns {@code epoch}.
 *   <li>Ages are measured on the metastore's clock.
 * </ul>
 */
public interface DirectiveStore {

  /** The scope that pauses every service of the cluster. */
  String ALL = "*";

  /** Pauses {@code scope} (a service name or {@link #ALL}), recording who asked. */
  void pause(String scope, String by) throws MetastoreException;

  /** Ends the pause of {@code scope}; a no-op when it was not paused. */
  void resume(String scope) throws MetastoreException;

  /** Stores {@code request}, replacing any earlier request for the same service. */
  void requestSwitchover(Switchover request) throws MetastoreException;

  /** Removes the switchover request of {@code service} if it concerns {@code epoch}. */
  void clearSwitchover(String service, long epoch) throws MetastoreException;

  /** The directives in force for {@code service}. */
  Directives read(String service) throws MetastoreException;
}
