package io.sfc.metastore.zookeeper;

import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.Rejections;
import java.util.List;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;

/** Runs a ZooKeeper call and turns its failures into {@link MetastoreException}s. */
final class ZkCalls {
  /** Outcomes that mean "another node changed the znode first": a lost race, not an outage. */
  private static final Set<KeeperException.Code> CONFLICTS =
      Set.of(
          KeeperException.Code.BADVERSION,
          KeeperException.Code.NONODE,
          KeeperException.Code.NODEEXISTS,
          KeeperException.Code.NOTEMPTY);

  /** A call to ZooKeeper. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws Exception;
  }

  private ZkCalls() {}

  static <T> T call(String what, Call<T> call) throws MetastoreException {
    try {
      return call.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MetastoreException(what + ": interrupted", e);
    } catch (MetastoreException e) {
      throw e;
    } catch (Exception e) {
      String rejected =
          e instanceof KeeperException k ? Rejections.zooKeeper(k.code().name()) : null;
      if (rejected != null) {
        throw new MetastoreException(
            MetastoreException.Kind.REJECTED, what + " failed: " + rejected + ": " + e, e);
      }
      throw new MetastoreException(what + " failed: " + e, e);
    }
  }

  /**
   * Commits {@code ops} atomically; false when a condition failed because of a concurrent change
   * (see {@link #isConflict}), any other failure is thrown.
   */
  static boolean commit(CuratorFramework client, List<CuratorOp> ops) throws Exception {
    try {
      client.transaction().forOperations(ops);
      return true;
    } catch (Exception e) {
      if (isConflict(e)) {
        return false;
      }
      throw e;
    }
  }

  /** True when {@code e} says the znode changed under a conditional write. */
  static boolean isConflict(Exception e) {
    return e instanceof KeeperException k && CONFLICTS.contains(k.code());
  }
}
