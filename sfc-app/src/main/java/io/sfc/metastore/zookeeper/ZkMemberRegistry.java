package io.sfc.metastore.zookeeper;

import io.sfc.core.model.MemberReport;
import io.sfc.core.port.MemberRegistry;
import io.sfc.core.port.MetastoreException;
import io.sfc.metastore.zookeeper.ZkData.MemberData;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/** Member reports as persistent znodes {@code members/service/node}; age from their mtime. */
final class ZkMemberRegistry implements MemberRegistry {
  private static final int MAX_REASON = 1000;

  private final CuratorFramework client;
  private final ZkPaths paths;
  private final ZkClock clock;

  ZkMemberRegistry(CuratorFramework client, ZkPaths paths, ZkClock clock) {
    this.client = client;
    this.paths = paths;
    this.clock = clock;
  }

  @Override
  public void report(MemberReport r) throws MetastoreException {
    String reason = r.reason();
    if (reason != null && reason.length() > MAX_REASON) {
      reason = reason.substring(0, MAX_REASON);
    }
    byte[] data =
        ZkData.write(new MemberData(r.roleName(), r.epoch(), r.stateName(), r.pid(), reason));
    String path = paths.member(r.service(), r.node());
    ZkCalls.call(
        "report member",
        () -> client.create().orSetData().creatingParentsIfNeeded().forPath(path, data));
  }

  @Override
  public List<MemberReport> members() throws MetastoreException {
    return ZkCalls.call("read members", this::list);
  }

  private List<MemberReport> list() throws Exception {
    long now = clock.now();
    List<MemberReport> out = new ArrayList<>();
    for (String service : client.getChildren().forPath(paths.members())) {
      List<String> nodes;
      try {
        nodes = client.getChildren().forPath(paths.members() + "/" + service);
      } catch (KeeperException.NoNodeException e) {
        continue;
      }
      for (String node : nodes) {
        MemberReport m = member(service, node, now);
        if (m != null) {
          out.add(m);
        }
      }
    }
    out.sort(Comparator.comparing(MemberReport::service).thenComparing(MemberReport::node));
    return out;
  }

  private MemberReport member(String service, String node, long now) throws Exception {
    Stat stat = new Stat();
    byte[] bytes;
    try {
      bytes =
          client
              .getData()
              .storingStatIn(stat)
              .forPath(paths.members() + "/" + service + "/" + node);
    } catch (KeeperException.NoNodeException e) {
      return null;
    }
    MemberData d = ZkData.read(bytes, MemberData.class);
    return MemberReport.stored(
        dec(node),
        dec(service),
        d.role(),
        d.epoch(),
        d.serviceState(),
        d.pid(),
        d.reason(),
        Duration.ofMillis(Math.max(0, now - stat.getMtime())));
  }

  private static String dec(String name) {
    return URLDecoder.decode(name, StandardCharsets.UTF_8);
  }
}
