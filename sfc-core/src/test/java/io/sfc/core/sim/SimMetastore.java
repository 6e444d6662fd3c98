package io.sfc.core.sim;

import io.sfc.core.control.InMemoryDirectiveStore;
import io.sfc.core.model.Lease;
import io.sfc.core.model.LeaseRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The metastore's lease table, on the metastore's own clock. Each operation is atomic and judged on
 * that clock, as the {@link io.sfc.core.port.LeaseStore} contract requires; the network in front of
 * it ({@link SimNetwork}) decides whether a caller reaches it and hears the answer.
 */
final class SimMetastore {
  private final DriftClock clock;
  private final Timeline timeline;
  private final Map<String, Row> rows = new HashMap<>();
  private final InMemoryDirectiveStore directives;

  private record Row(String holder, long epoch, long expires) {}

  SimMetastore(DriftClock clock, Timeline timeline) {
    this.clock = clock;
    this.timeline = timeline;
    this.directives = new InMemoryDirectiveStore(clock::nanoTime);
  }

  /** The operator directives, on the metastore's clock; never unreachable by itself. */
  InMemoryDirectiveStore directives() {
    return directives;
  }

  DriftClock clock() {
    return clock;
  }

  private Row row(String service) {
    return rows.getOrDefault(service, new Row(null, 0, Long.MIN_VALUE));
  }

  Optional<Lease> tryAcquire(String service, String node, Duration ttl) {
    Row r = row(service);
    long now = clock.nanoTime();
    if (r.holder() != null && r.expires() > now) {
      return Optional.empty();
    }
    rows.put(service, new Row(node, r.epoch() + 1, now + ttl.toNanos()));
    timeline.add("metastore", "epoch " + (r.epoch() + 1) + " granted to " + node);
    return Optional.of(new Lease(service, node, r.epoch() + 1));
  }

  boolean renew(Lease lease, Duration ttl) {
    Row r = row(lease.service());
    if (!holds(r, lease)) {
      return false;
    }
    rows.put(lease.service(), new Row(r.holder(), r.epoch(), clock.nanoTime() + ttl.toNanos()));
    return true;
  }

  boolean release(Lease lease) {
    Row r = row(lease.service());
    if (!holds(r, lease)) {
      return false;
    }
    rows.put(lease.service(), new Row(r.holder(), r.epoch(), clock.nanoTime()));
    timeline.add("metastore", "epoch " + r.epoch() + " released by " + r.holder());
    return true;
  }

  private boolean holds(Row r, Lease lease) {
    return lease.holder().equals(r.holder())
        && r.epoch() == lease.epoch()
        && r.expires() > clock.nanoTime();
  }

  LeaseRecord read(String service) {
    Row r = row(service);
    if (r.holder() == null) {
      return LeaseRecord.vacant(service);
    }
    return new LeaseRecord(
        service, r.holder(), r.epoch(), Duration.ofNanos(r.expires() - clock.nanoTime()), false);
  }

  /** The epoch of the lease while it is valid, or 0. */
  long validEpoch(String service) {
    Row r = row(service);
    return r.holder() != null && r.expires() > clock.nanoTime() ? r.epoch() : 0;
  }

  /** The holder named by the row while its lease is valid, or null. */
  String validHolder(String service) {
    Row r = row(service);
    return r.holder() != null && r.expires() > clock.nanoTime() ? r.holder() : null;
  }
}
