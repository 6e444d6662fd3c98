package io.sfc.metastore.etcd;

import io.etcd.jetcd.ByteSequence;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The keys of one cluster:
 *
 * <pre>
 * /sfc/cluster/schema               the key layout's schema version (absent: version 1)
 * /sfc/cluster/leases/service       the current lease, attached to an etcd lease; absent when free
 * /sfc/cluster/last/service         last holder; its mod revision is the last epoch
 * /sfc/cluster/released/service     the epoch its holder last released (not let expire)
 * /sfc/cluster/events/...           the event log, ordered by create revision
 * /sfc/cluster/members/service/node member reports
 * /sfc/cluster/pauses/scope         a pause of a service or of all ({@code *}); value: who
 * /sfc/cluster/switchovers/service  the pending switchover request, bound to an etcd lease
 * /sfc/cluster/states/service/name  a state file: the writer's epoch (8 bytes), then its content
 * /sfc/cluster/statestamps/service/name  bound to an etcd lease that gives the file's age
 * </pre>
 *
 * Names are URL-encoded, so any service or node name is one path element.
 */
final class EtcdKeys {
  private final String base;

  EtcdKeys(String cluster) {
    this.base = "/sfc/" + enc(cluster) + "/";
  }

  /** The prefix of every key of the cluster. */
  ByteSequence base() {
    return bytes(base);
  }

  /** {@code key} without the cluster's prefix, or null when it is not one of the cluster's. */
  String relative(ByteSequence key) {
    String k = key.toString(StandardCharsets.UTF_8);
    return k.startsWith(base) ? k.substring(base.length()) : null;
  }

  ByteSequence schema() {
    return bytes(base + "schema");
  }

  ByteSequence lease(String service) {
    return bytes(base + "leases/" + enc(service));
  }

  ByteSequence last(String service) {
    return bytes(base + "last/" + enc(service));
  }

  ByteSequence released(String service) {
    return bytes(base + "released/" + enc(service));
  }

  /** The prefix of every key of one kind: {@code leases}, {@code last}, {@code pauses}, .... */
  ByteSequence prefix(String kind) {
    return bytes(base + kind + "/");
  }

  /** The lease key of the service whose {@link #last} key is {@code lastKey}. */
  ByteSequence leaseOfLast(ByteSequence lastKey) {
    String k = lastKey.toString(StandardCharsets.UTF_8);
    return bytes(base + "leases/" + k.substring((base + "last/").length()));
  }

  ByteSequence eventsPrefix() {
    return bytes(base + "events/");
  }

  ByteSequence event(String unique) {
    return bytes(base + "events/" + unique);
  }

  ByteSequence membersPrefix() {
    return bytes(base + "members/");
  }

  ByteSequence member(String service, String node) {
    return bytes(base + "members/" + enc(service) + "/" + enc(node));
  }

  ByteSequence pause(String scope) {
    return bytes(base + "pauses/" + enc(scope));
  }

  ByteSequence switchover(String service) {
    return bytes(base + "switchovers/" + enc(service));
  }

  ByteSequence state(String service, String name) {
    return bytes(base + "states/" + enc(service) + "/" + enc(name));
  }

  ByteSequence stateStamp(String service, String name) {
    return bytes(base + "statestamps/" + enc(service) + "/" + enc(name));
  }

  static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  private static String enc(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8);
  }
}
