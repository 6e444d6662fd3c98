package io.sfc.daemon;

import io.sfc.config.SfcConfig;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A running controller as {@code sfc start} sees it: started, awaited and stopped. The wiring
 * behind it ({@link Daemon}) can change without touching the command line.
 */
public interface Controller extends AutoCloseable {
  /**
   * Opens the metastore, starts the API server (unless disabled) and the loop thread.
   *
   * @throws MetastoreException when the metastore cannot be opened (the caller may retry)
   * @throws IOException when the API server or a service's log directory cannot be set up
   */
  static Controller start(SfcConfig config, Path logDir) throws MetastoreException, IOException {
    return Daemon.start(config, logDir);
  }

  /**
   * Starts the API server (unless disabled) and the loop thread on an already opened metastore,
   * which the controller then owns (and closes when it fails to start).
   *
   * @throws IOException when the API server or a service's log directory cannot be set up
   */
  static Controller start(SfcConfig config, Metastore ms, Path logDir) throws IOException {
    return Daemon.start(config, ms, logDir);
  }

  /** Blocks until the loop ends (after {@link #stop()}). */
  void awaitTermination() throws InterruptedException;

  /**
   * Stops every service, releases every lease and ends the loop; returns false when the services
   * did not stop in time. Idempotent.
   */
  boolean stop() throws InterruptedException;

  /** Releases every thread, connection and server; call after {@link #stop()}. */
  @Override
  void close();
}
