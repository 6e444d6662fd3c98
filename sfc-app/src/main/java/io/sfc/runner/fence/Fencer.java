package io.sfc.runner.fence;

import io.sfc.core.model.ServiceSpec;
import java.io.IOException;

/** Stops one service on one other node before this node starts it (DESIGN.md §2.5). */
public interface Fencer {

  /** The node this fencer reaches. */
  String node();

  /**
   * Makes sure no instance of {@code spec} older than {@code epoch} runs on {@link #node()}, within
   * a bounded time.
   *
   * @return one line saying what was done, e.g. {@code stopped 1 instance}
   * @throws IOException when the node cannot be reached or the instance may still run
   */
  String fence(ServiceSpec spec, long epoch) throws IOException;
}
