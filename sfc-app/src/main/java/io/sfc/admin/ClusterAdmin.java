package io.sfc.admin;

import io.sfc.core.model.Event;
import io.sfc.core.port.MetastoreException;
import java.time.Duration;
import java.util.List;

/**
 * What operators can see and steer, through the CLI, the HTTP API and the dashboard alike. Reads
 * and writes go to the metastore; controllers act on writes in their next loop.
 */
public interface ClusterAdmin {

  /** The cluster as the metastore sees it now: every service's lease, directives and reports. */
  ClusterView status() throws MetastoreException;

  /** The newest {@code limit} events, newest first. */
  List<Event> history(int limit) throws MetastoreException;

  /**
   * Asks the holder of {@code service} to hand it to {@code to}, or to the best healthy standby
   * when {@code to} is null.
   *
   * @throws AdminException (refused) when the service is unknown, has no running holder, is paused,
   *     or the target is not a healthy candidate; the message says why
   */
  SwitchoverTicket switchover(String service, String to, String by)
      throws AdminException, MetastoreException;

  /**
   * Waits until the service of {@code ticket} runs on its target under a newer epoch.
   *
   * @return the measured handoff, or a result that says it did not finish within {@code timeout}
   */
  HandoffResult awaitHandoff(SwitchoverTicket ticket, Duration timeout)
      throws MetastoreException, InterruptedException;

  /** Pauses {@code scope}: a service name, or {@code "*"} for the whole cluster. */
  void pause(String scope, String by) throws AdminException, MetastoreException;

  /**
   * Ends the pause of {@code scope}. Unlike {@link #pause} it takes no operator: a resume deletes
   * the pause directive on every backend, so there is no record to name who resumed.
   */
  void resume(String scope) throws AdminException, MetastoreException;
}
