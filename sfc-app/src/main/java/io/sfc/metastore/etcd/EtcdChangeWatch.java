package io.sfc.metastore.etcd;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import io.sfc.core.port.ChangeWatch;
import io.sfc.metastore.WatchedKeys;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hints from one etcd watch on the cluster's prefix; only changes of leases, pauses and switchover
 * requests give hints (a lease key is written only on acquisition and deleted on release or expiry;
 * keep-alives write nothing). jetcd resumes the watch by itself after a transient disconnection; an
 * error it gives up on (the revision was compacted, no leader) or the end of the stream ends the
 * watch, and a new one from the current revision is started on the watch thread a second later.
 * Each (re-)established watch hints every service, since changes may have been missed meanwhile.
 */
final class EtcdChangeWatch implements ChangeWatch {
  private static final Logger LOG = LoggerFactory.getLogger(EtcdChangeWatch.class);
  private static final long RETRY_MS = 1_000;

  private final Client client;
  private final EtcdKeys keys;
  private final ScheduledExecutorService executor;
  private volatile Hints hints;
  private volatile Watch.Watcher watcher;
  private volatile boolean closed;

  EtcdChangeWatch(Client client, EtcdKeys keys, ScheduledExecutorService executor) {
    this.client = client;
    this.keys = keys;
    this.executor = executor;
  }

  @Override
  public void start(Hints hints) {
    this.hints = hints;
    schedule(0);
  }

  @Override
  public boolean delivers() {
    return true;
  }

  /** On the watch thread: a new watch from the current revision. */
  private synchronized void watch() {
    if (closed) {
      return;
    }
    WatchOption option =
        WatchOption.builder().withPrefix(keys.base()).withCreateNotify(true).build();
    try {
      watcher =
          client
              .getWatchClient()
              .watch(
                  keys.base(),
                  option,
                  Watch.listener(this::onNext, this::onError, this::onCompleted));
    } catch (RuntimeException e) {
      onError(e);
    }
  }

  /** On a jetcd thread: hints for the changed keys, without blocking. */
  private void onNext(WatchResponse r) {
    if (r.isCreatedNotify()) {
      hint(ChangeWatch.ALL); // (re-)established: a change before it may have been missed
      return;
    }
    for (WatchEvent e : r.getEvents()) {
      String relative = keys.relative(e.getKeyValue().getKey());
      String service = relative == null ? null : WatchedKeys.serviceOf(relative);
      if (service != null) {
        hint(service);
      }
    }
  }

  private void onError(Throwable t) {
    if (!closed) {
      LOG.warn("etcd watch ended ({}); polling meanwhile, watching again in 1 s", t.toString());
      restart();
    }
  }

  private void onCompleted() {
    if (!closed) {
      restart();
    }
  }

  private void restart() {
    Watch.Watcher w = watcher;
    if (w != null) {
      w.close();
    }
    schedule(RETRY_MS);
  }

  private void hint(String service) {
    Hints h = hints;
    if (h != null && !closed) {
      h.changed(service);
    }
  }

  private void schedule(long delayMs) {
    try {
      executor.schedule(this::watch, delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (watcher != null) {
      watcher.close();
    }
  }
}
