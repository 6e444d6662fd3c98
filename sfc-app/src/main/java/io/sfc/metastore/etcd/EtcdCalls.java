package io.sfc.metastore.etcd;

import io.etcd.jetcd.common.exception.EtcdException;
import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.Rejections;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for jetcd futures with a deadline and turns failures into {@link MetastoreException}s. */
final class EtcdCalls {
  private final Duration timeout;

  EtcdCalls(Duration timeout) {
    this.timeout = timeout;
  }

  <T> T await(String what, CompletableFuture<T> future) throws MetastoreException {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new MetastoreException(what + ": interrupted", e);
    } catch (ExecutionException e) {
      String rejected = rejection(e.getCause());
      if (rejected != null) {
        throw new MetastoreException(
            MetastoreException.Kind.REJECTED,
            what + " failed: " + rejected + ": " + e.getCause(),
            e.getCause());
      }
      throw new MetastoreException(what + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new MetastoreException(what + ": no answer from etcd within " + timeout, e);
    }
  }

  /** The cause and fix when etcd rejected us (see {@link Rejections#etcd}), or null. */
  static String rejection(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EtcdException x) {
        String r = Rejections.etcd(x.getErrorCode().name(), x.getMessage());
        if (r != null) {
          return r;
        }
      }
    }
    return null;
  }

  /** True when {@code e} says etcd does not know the lease (it expired or was revoked). */
  static boolean isUnknownLease(MetastoreException e) {
    Throwable c = e.getCause();
    return c != null && String.valueOf(c.getMessage()).contains("requested lease not found");
  }
}
