package io.sfc.core.control;

import io.sfc.core.model.Lease;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.port.LeaseStore;
import io.sfc.core.port.MetastoreException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/** A lease store on a test clock, with a switch to make it unreachable. */
final class InMemoryLeaseStore implements LeaseStore {
  private final LongSupplier clock;
  private final Map<String, Row> rows = new HashMap<>();
  boolean down;
  boolean rejecting;

  private record Row(String holder, long epoch, long expires, boolean released) {
    Row(String holder, long epoch, long expires) {
      this(holder, epoch, expires, false);
    }
  }

  InMemoryLeaseStore(LongSupplier clock) {
    this.clock = clock;
  }

  private Row row(String service) throws MetastoreException {
    if (down) {
      throw new MetastoreException("down");
    }
    if (rejecting) {
      throw new MetastoreException(MetastoreException.Kind.REJECTED, "access denied", null);
    }
    return rows.getOrDefault(service, new Row(null, 0, Long.MIN_VALUE));
  }

  @Override
  public Optional<Lease> tryAcquire(String service, String node, Duration ttl)
      throws MetastoreException {
    Row r = row(service);
    if (r.expires() > clock.getAsLong()) {
      return Optional.empty();
    }
    rows.put(service, new Row(node, r.epoch() + 1, clock.getAsLong() + ttl.toNanos()));
    return Optional.of(new Lease(service, node, r.epoch() + 1));
  }

  @Override
  public boolean renew(Lease lease, Duration ttl) throws MetastoreException {
    Row r = row(lease.service());
    if (!holds(r, lease)) {
      return false;
    }
    rows.put(lease.service(), new Row(r.holder(), r.epoch(), clock.getAsLong() + ttl.toNanos()));
    return true;
  }

  @Override
  public boolean release(Lease lease) throws MetastoreException {
    Row r = row(lease.service());
    if (!holds(r, lease)) {
      return false;
    }
    rows.put(lease.service(), new Row(r.holder(), r.epoch(), clock.getAsLong(), true));
    return true;
  }

  private boolean holds(Row r, Lease lease) {
    return lease.holder().equals(r.holder())
        && r.epoch() == lease.epoch()
        && r.expires() > clock.getAsLong();
  }

  @Override
  public LeaseRecord read(String service) throws MetastoreException {
    Row r = row(service);
    if (r.holder() == null) {
      return LeaseRecord.vacant(service);
    }
    return new LeaseRecord(
        service,
        r.holder(),
        r.epoch(),
        Duration.ofNanos(r.expires() - clock.getAsLong()),
        r.released());
  }
}
