package io.sfc.core.control;

import io.sfc.core.model.Lease;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.StoredState;
import io.sfc.core.port.LeaseStore;
import io.sfc.core.port.MetastoreException;
import io.sfc.core.port.StateStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A state store beside a lease store on a test clock: a put is stored only while the lease is the
 * current one and no newer epoch's copy is stored, as the contract says.
 */
public final class InMemoryStateStore implements StateStore {
  private final LeaseStore leases;
  private final LongSupplier clock;
  private final Map<String, Copy> copies = new HashMap<>();
  public boolean down;

  private record Copy(byte[] bytes, long epoch, long at) {}

  public InMemoryStateStore(LeaseStore leases, LongSupplier clock) {
    this.leases = leases;
    this.clock = clock;
  }

  @Override
  public synchronized boolean put(Lease lease, String name, byte[] bytes)
      throws MetastoreException {
    StateStore.checkSize(lease.service(), name, bytes.length);
    if (down) {
      throw new MetastoreException("down");
    }
    LeaseRecord r = leases.read(lease.service());
    Copy old = copies.get(key(lease.service(), name));
    if (!r.confirms(lease) || (old != null && old.epoch() > lease.epoch())) {
      return false;
    }
    copies.put(
        key(lease.service(), name), new Copy(bytes.clone(), lease.epoch(), clock.getAsLong()));
    return true;
  }

  @Override
  public synchronized Optional<StoredState> get(String service, String name)
      throws MetastoreException {
    if (down) {
      throw new MetastoreException("down");
    }
    Copy c = copies.get(key(service, name));
    return c == null
        ? Optional.empty()
        : Optional.of(
            new StoredState(
                service, name, c.bytes(), c.epoch(), Duration.ofNanos(clock.getAsLong() - c.at())));
  }

  /** The epoch of the stored copy of {@code name}, or 0. */
  public synchronized long epochOf(String service, String name) {
    Copy c = copies.get(key(service, name));
    return c == null ? 0 : c.epoch();
  }

  private static String key(String service, String name) {
    return service + "/" + name;
  }
}
