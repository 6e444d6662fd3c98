package io.sfc.metastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sfc.core.model.Lease;
import io.sfc.core.model.StoredState;
import io.sfc.core.port.Metastore;
import io.sfc.core.port.MetastoreException;
import io.sfc.core.port.StateStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The {@link StateStore} contract every backend passes (its metastore contract test implements
 * this): epoch-conditional writes, the size limit, missing state, overwrite by a newer epoch and
 * refusal of a stale writer.
 */
public interface StateStoreCases {
  String STATE_SVC = "beat";
  String FILE = "/var/lib/beat/schedule";
  Duration TTL = Duration.ofSeconds(60);

  /** The metastore of the current test's fresh cluster. */
  Metastore stateMetastore();

  /** Another connection to the same cluster. */
  Metastore sameCluster() throws MetastoreException;

  /** Another cluster on the same backend. */
  Metastore otherCluster() throws MetastoreException;

  private StateStore states() {
    return stateMetastore().states();
  }

  private Lease acquire(String node) throws MetastoreException {
    return stateMetastore().leases().tryAcquire(STATE_SVC, node, TTL).orElseThrow();
  }

  /** Releases {@code lease} and lets {@code node} acquire the next epoch. */
  private Lease handOver(Lease lease, String node) throws MetastoreException {
    assertThat(stateMetastore().leases().release(lease)).isTrue();
    return acquire(node);
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private String read() throws MetastoreException {
    return new String(states().get(STATE_SVC, FILE).orElseThrow().bytes(), StandardCharsets.UTF_8);
  }

  @Test
  default void aFileNeverStoredReadsEmpty() throws Exception {
    assertThat(states().get(STATE_SVC, FILE)).isEmpty();
    acquire("n1");
    assertThat(states().get(STATE_SVC, FILE)).isEmpty();
  }

  @Test
  default void theHolderStoresAFileWithItsEpochAndAge() throws Exception {
    Lease lease = acquire("n1");

    assertThat(states().put(lease, FILE, text("v1"))).isTrue();

    StoredState s = sameCluster().states().get(STATE_SVC, FILE).orElseThrow();
    assertThat(new String(s.bytes(), StandardCharsets.UTF_8)).isEqualTo("v1");
    assertThat(s.epoch()).isEqualTo(lease.epoch());
    assertThat(s.age()).isLessThan(Duration.ofSeconds(30));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> states().get(STATE_SVC, FILE).orElseThrow().age().toMillis() >= 1000);
  }

  @Test
  default void theSameEpochAndANewerEpochOverwrite() throws Exception {
    Lease first = acquire("n1");
    states().put(first, FILE, text("v1"));
    assertThat(states().put(first, FILE, text("v2"))).isTrue();
    assertThat(read()).isEqualTo("v2");

    Lease next = handOver(first, "n2");
    assertThat(states().put(next, FILE, text("v3"))).isTrue();

    assertThat(read()).isEqualTo("v3");
    assertThat(states().get(STATE_SVC, FILE).orElseThrow().epoch()).isEqualTo(next.epoch());
  }

  @Test
  default void aStaleHolderNeverOverwritesANewerCopy() throws Exception {
    Lease old = acquire("n1");
    states().put(old, FILE, text("old"));
    Lease next = handOver(old, "n2");
    states().put(next, FILE, text("new"));

    assertThat(states().put(old, FILE, text("stale"))).as("lower epoch").isFalse();
    assertThat(sameCluster().states().put(old, FILE, text("stale"))).isFalse();

    assertThat(read()).isEqualTo("new");
  }

  @Test
  default void aStaleHolderCannotWriteBeforeTheNewHolderDid() throws Exception {
    Lease old = acquire("n1");
    states().put(old, FILE, text("old"));
    handOver(old, "n1");

    assertThat(states().put(old, FILE, text("stale"))).as("same node, old epoch").isFalse();

    assertThat(read()).isEqualTo("old");
    assertThat(states().get(STATE_SVC, FILE).orElseThrow().epoch()).isEqualTo(old.epoch());
  }

  @Test
  default void onlyTheHolderOfAValidLeaseWrites() throws Exception {
    Lease lease = acquire("n1");
    Lease impostor = new Lease(STATE_SVC, "n2", lease.epoch());
    Lease future = new Lease(STATE_SVC, "n1", lease.epoch() + 1000);

    assertThat(states().put(impostor, FILE, text("x"))).as("not the holder").isFalse();
    assertThat(states().put(future, FILE, text("x"))).as("not the epoch").isFalse();
    assertThat(states().get(STATE_SVC, FILE)).isEmpty();

    stateMetastore().leases().release(lease);
    assertThat(states().put(lease, FILE, text("x"))).as("released").isFalse();
    assertThat(states().get(STATE_SVC, FILE)).isEmpty();
  }

  @Test
  default void aFileOfTheSizeLimitIsCarriedExactlyAndALargerOneRefused() throws Exception {
    Lease lease = acquire("n1");
    byte[] max = new byte[StateStore.MAX_BYTES];
    new Random(23).nextBytes(max);

    assertThat(states().put(lease, FILE, max)).isTrue();
    assertThat(sameCluster().states().get(STATE_SVC, FILE).orElseThrow().bytes()).isEqualTo(max);

    assertThatThrownBy(() -> states().put(lease, FILE, new byte[StateStore.MAX_BYTES + 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("state file " + FILE + " of service " + STATE_SVC)
        .hasMessageContaining("at most 1048576 bytes (1 MiB)");
    assertThat(states().get(STATE_SVC, FILE).orElseThrow().bytes()).isEqualTo(max);
  }

  @Test
  default void aLargeFileIsReplacedByASmallOneAndAnEmptyOne() throws Exception {
    Lease lease = acquire("n1");
    states().put(lease, FILE, new byte[StateStore.MAX_BYTES - 7]);
    states().put(lease, FILE, text("small"));
    assertThat(read()).isEqualTo("small");

    assertThat(states().put(lease, FILE, new byte[0])).isTrue();
    assertThat(states().get(STATE_SVC, FILE).orElseThrow().size()).isZero();
  }

  @Test
  default void filesAreIndependentPerServiceNameAndCluster() throws Exception {
    Lease lease = acquire("n1");
    Lease other = stateMetastore().leases().tryAcquire("other", "n1", TTL).orElseThrow();
    states().put(lease, FILE, text("a"));
    states().put(lease, "second", text("b"));
    states().put(other, FILE, text("c"));

    assertThat(read()).isEqualTo("a");
    Optional<StoredState> second = states().get(STATE_SVC, "second");
    assertThat(second.orElseThrow().bytes()).isEqualTo(text("b"));
    assertThat(states().get("other", FILE).orElseThrow().bytes()).isEqualTo(text("c"));
    assertThat(otherCluster().states().get(STATE_SVC, FILE)).isEmpty();
    assertThat(states().put(lease, FILE, text("a2"))).isTrue();
    assertThat(states().get("other", FILE).orElseThrow().bytes()).isEqualTo(text("c"));
  }
}
