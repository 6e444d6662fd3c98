package io.sfc.core.port;

/**
 * Change notification from a metastore: a hint that something under the cluster changed — a lease
 * taken, released or expired, a pause or a switchover requested or cleared — so that the
 * controllers concerned read again at once instead of at their next poll.
 *
 * <p>A hint is never a substitute for reading: the loop still reads the metastore and decides from
 * that snapshot alone, by the same rules; a hint only moves the next read earlier. So a lost, late,
 * duplicated or spurious hint is harmless: polling goes on at its usual rate and catches whatever a
 * hint missed. A watch that breaks (a disconnection, an etcd compaction) re-establishes itself and
 * then hints {@link #ALL}, since changes may have been missed meanwhile; it never fails the
 * controller.
 *
 * <p>Backends without change notification (the SQL databases) return {@link #none()} and keep
 * polling.
 */
public interface ChangeWatch extends AutoCloseable {
  /** The service name of a hint about every service (a pause of all, a re-established watch). */
  String ALL = "*";

  /** Receives hints. */
  @FunctionalInterface
  interface Hints {
    /**
     * Something about {@code service} (or {@link #ALL}) may have changed. Called on a watch thread;
     * must return at once: no I/O, no blocking.
     */
    void changed(String service);
  }

  /** Starts delivering hints to {@code hints} until {@link #close()}; call at most once. */
  void start(Hints hints);

  /** True when this watch delivers hints, false when the backend only polls. */
  boolean delivers();

  /** Stops delivering hints; idempotent. */
  @Override
  void close();

  /** No hints: the controllers poll only (the SQL backends). */
  static ChangeWatch none() {
    return new ChangeWatch() {
      @Override
      public void start(Hints hints) {}

      @Override
      public boolean delivers() {
        return false;
      }

      @Override
      public void close() {}
    };
  }
}
