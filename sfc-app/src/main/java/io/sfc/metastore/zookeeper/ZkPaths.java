package io.sfc.metastore.zookeeper;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The znodes of one cluster under the configured root:
 *
 * <pre>
 * root/cluster/schema             persistent: the layout's schema version (absent: version 1)
 * root/cluster/clock              written to read the ZooKeeper clock (its mtime)
 * root/cluster/epochs/service     persistent: last epoch and holder, advanced on every acquisition
 * root/cluster/leases/service     ephemeral: the current lease, owned by the holder's session
 * root/cluster/events/e-NNNNNNNN  persistent sequential: the event log
 * root/cluster/members/service/node  persistent: member reports
 * root/cluster/pauses/scope       persistent: a pause of a service or of all ({@code *}); data: who
 * root/cluster/switchovers/service  persistent: the pending switchover request; age from its mtime
 * root/cluster/states/service/name  persistent: head of a state file (epoch, generation)
 * root/cluster/statechunks/service/name/generation-i  persistent: its content, in chunks
 * </pre>
 *
 * Names are URL-encoded, so any service or node name is one path element.
 */
final class ZkPaths {
  private final String base;

  ZkPaths(String root, String cluster) {
    String r = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.base = r + "/" + enc(cluster);
  }

  String base() {
    return base;
  }

  String schema() {
    return base + "/schema";
  }

  String clock() {
    return base + "/clock";
  }

  String epochs() {
    return base + "/epochs";
  }

  String epoch(String service) {
    return base + "/epochs/" + enc(service);
  }

  String lease(String service) {
    return base + "/leases/" + enc(service);
  }

  String leases() {
    return base + "/leases";
  }

  String events() {
    return base + "/events";
  }

  String event() {
    return events() + "/e-";
  }

  String members() {
    return base + "/members";
  }

  String member(String service, String node) {
    return members() + "/" + enc(service) + "/" + enc(node);
  }

  String pauses() {
    return base + "/pauses";
  }

  String pause(String scope) {
    return pauses() + "/" + enc(scope);
  }

  String switchovers() {
    return base + "/switchovers";
  }

  String switchover(String service) {
    return switchovers() + "/" + enc(service);
  }

  String state(String service, String name) {
    return base + "/states/" + enc(service) + "/" + enc(name);
  }

  /** The parent of the chunks of {@code service}'s state file {@code name}. */
  String stateChunks(String service, String name) {
    return base + "/statechunks/" + enc(service) + "/" + enc(name);
  }

  static String dec(String encoded) {
    return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
  }

  static String enc(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8);
  }
}
