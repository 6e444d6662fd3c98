package io.sfc.metastore.zookeeper;

import java.io.File;
import java.util.Map;
import org.apache.curator.test.InstanceSpec;

/** ZooKeeper server settings for tests: a short tick, sessions allowed up to two minutes. */
public final class ZkTestServers {
  public static final int TICK_MS = 200;
  public static final int MAX_SESSION_MS = 120_000;

  private ZkTestServers() {}

  /** A spec for one server of an ensemble ({@code serverId} from 1), or standalone (-1). */
  public static InstanceSpec spec(int serverId) {
    Map<String, Object> props = Map.of("maxSessionTimeout", Integer.toString(MAX_SESSION_MS));
    return new InstanceSpec(
        (File) null, -1, -1, -1, true, serverId, TICK_MS, -1, props, "127.0.0.1");
  }
}
