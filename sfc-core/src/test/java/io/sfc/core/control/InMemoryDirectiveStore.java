package io.sfc.core.control;

import io.sfc.core.model.Directives;
import io.sfc.core.model.Switchover;
import io.sfc.core.port.DirectiveStore;
import io.sfc.core.port.MetastoreException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Directives on a test clock (nanoseconds), with a switch to make them unreachable. Shared by the
 * controller tests and the simulation's metastore.
 */
public final class InMemoryDirectiveStore implements DirectiveStore {
  private final LongSupplier clock;
  private final Map<String, String> pauses = new HashMap<>();
  private final Map<String, Switchover> requests = new HashMap<>();
  private final Map<String, Long> requestedAt = new HashMap<>();
  public boolean down;

  public InMemoryDirectiveStore(LongSupplier clock) {
    this.clock = clock;
  }

  private void check() throws MetastoreException {
    if (down) {
      throw new MetastoreException("down");
    }
  }

  @Override
  public void pause(String scope, String by) throws MetastoreException {
    check();
    pauses.put(scope, by);
  }

  @Override
  public void resume(String scope) throws MetastoreException {
    check();
    pauses.remove(scope);
  }

  @Override
  public void requestSwitchover(Switchover request) throws MetastoreException {
    check();
    requests.put(request.service(), request);
    requestedAt.put(request.service(), clock.getAsLong());
  }

  @Override
  public void clearSwitchover(String service, long epoch) throws MetastoreException {
    check();
    Switchover r = requests.get(service);
    if (r != null && r.epoch() == epoch) {
      requests.remove(service);
    }
  }

  @Override
  public Directives read(String service) throws MetastoreException {
    check();
    Switchover r = requests.get(service);
    Switchover aged = null;
    if (r != null) {
      Duration age = Duration.ofNanos(clock.getAsLong() - requestedAt.get(service));
      aged = new Switchover(service, r.from(), r.epoch(), r.to(), r.requestedBy(), age);
    }
    return Directives.of(pauses.get(service), pauses.get(ALL), aged);
  }
}
