package io.sfc.config;

import io.sfc.alert.sinks.AlertsConfig;
import io.sfc.api.config.ApiConfig;
import io.sfc.core.model.NodeSpec;
import io.sfc.core.model.ServiceSpec;
import io.sfc.core.model.Timings;
import io.sfc.metastore.config.MetastoreConfig;
import io.sfc.runner.ssh.SshSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One controller's validated, immutable configuration, as loaded by {@link ConfigLoader}.
 *
 * @param source the file it was loaded from (used in error messages), or null
 * @param cluster cluster name, shared by all controllers of the cluster
 * @param node this controller's node id, or null when it is still to be given with {@code --node}
 * @param nodes all master nodes, at least one, unique ids
 * @param metastore where the leases live
 * @param timings lease timings, already checked against every service's stop timeout
 * @param services managed services, at least one, unique names
 * @param health health checks per service name (services without checks are absent)
 * @param alerts alert sinks and policy
 * @param api the HTTP API, metrics and dashboard server
 * @param ssh how to reach each node over SSH, by node id (nodes without SSH settings are absent)
 * @param runners placement, mode and fencing by service name (absent means {@link
 *     RunnerSettings#DEFAULTS})
 */
public record SfcConfig(
    Path source,
    String cluster,
    String node,
    List<NodeSpec> nodes,
    MetastoreConfig metastore,
    Timings timings,
    List<ServiceSpec> services,
    Map<String, List<HealthConfig>> health,
    AlertsConfig alerts,
    ApiConfig api,
    Map<String, SshSettings> ssh,
    Map<String, RunnerSettings> runners) {

  public SfcConfig {
    Objects.requireNonNull(cluster, "cluster");
    nodes = List.copyOf(nodes);
    Objects.requireNonNull(metastore, "metastore");
    Objects.requireNonNull(timings, "timings");
    services = List.copyOf(services);
    health = Map.copyOf(health);
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(api, "api");
    ssh = Map.copyOf(ssh);
    runners = Map.copyOf(runners);
  }

  /** The SSH settings of a node, or null when it has none. */
  public SshSettings sshOf(String nodeId) {
    return ssh.get(nodeId);
  }

  /** Placement, mode and fencing of a service. */
  public RunnerSettings runnerOf(String service) {
    return runners.getOrDefault(service, RunnerSettings.DEFAULTS);
  }

  /** The health checks of one service; empty when it has none. */
  public List<HealthConfig> healthOf(String service) {
    return health.getOrDefault(service, List.of());
  }

  /**
   * This configuration with the node id set (e.g. from {@code --node}), replacing any {@code node:}
   * from the file.
   *
   * @throws ConfigException when no node has that id
   */
  public SfcConfig withNode(String nodeId) throws ConfigException {
    if (nodeId == null || find(nodeId) == null) {
      throw new ConfigException(
          (source == null ? "<config>" : source.toString())
              + ": node: '"
              + nodeId
              + "' is not one of the configured nodes ("
              + nodeIds()
              + "); pass --node with one of these ids, or add the node under nodes:");
    }
    return new SfcConfig(
        source, cluster, nodeId, nodes, metastore, timings, services, health, alerts, api, ssh,
        runners);
  }

  /** This configuration with other API settings. */
  public SfcConfig withApi(ApiConfig newApi) {
    return new SfcConfig(
        source, cluster, node, nodes, metastore, timings, services, health, alerts, newApi, ssh,
        runners);
  }

  /**
   * This controller's node.
   *
   * @throws IllegalStateException when no node id was given in the file or with {@code --node}
   */
  public NodeSpec self() {
    if (node == null) {
      throw new IllegalStateException(
          "no node id: set node: in the configuration file or pass --node (one of "
              + nodeIds()
              + ")");
    }
    NodeSpec spec = find(node);
    if (spec == null) {
      throw new IllegalStateException("node '" + node + "' is not one of " + nodeIds());
    }
    return spec;
  }

  private NodeSpec find(String id) {
    return nodes.stream().filter(n -> n.id().equals(id)).findFirst().orElse(null);
  }

  private String nodeIds() {
    return nodes.stream().map(NodeSpec::id).collect(Collectors.joining(", "));
  }
}
