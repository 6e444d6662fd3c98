package io.sfc.config;

import io.sfc.alert.sinks.AlertsConfig;
import io.sfc.api.config.ApiBinder;
import io.sfc.api.config.ApiConfig;
import io.sfc.core.model.NodeSpec;
import io.sfc.metastore.EventRetention;
import io.sfc.metastore.config.MetastoreBinder;
import io.sfc.metastore.config.MetastoreConfig;
import io.sfc.reader.Node;
import io.sfc.reader.Problems;
import io.sfc.reader.Section;
import io.sfc.runner.ssh.SshSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns the root of the file into an {@link SfcConfig}, reporting every problem it finds. */
final class ConfigBinder {

  static final List<String> ROOT_KEYS =
      List.of(
          "cluster",
          "node",
          "nodes",
          "ssh",
          "metastore",
          "events",
          "timings",
          "services",
          "alerts",
          "api");
  private static final List<String> NODE_KEYS =
      List.of("id", "host", "ssh", "api_port", "candidate");
  private static final String NODES_EXAMPLE =
      "a list with one entry per master node, e.g. nodes: [{id: master-1, host: 10.0.0.1}]";

  private ConfigBinder() {}

  /** The configuration, or null when problems were reported. */
  static SfcConfig bind(Node root, Path source, Problems problems) {
    Section s = Section.of(root, problems, ROOT_KEYS);
    String cluster =
        Names.required(
            s,
            "cluster",
            "cluster name",
            "add a name shared by all controllers of the cluster, e.g. cluster: airflow-prod");
    Map<String, Integer> apiPorts = new HashMap<>();
    Map<String, SshSettings> ssh = new HashMap<>();
    List<NodeSpec> nodes = nodes(s, apiPorts, ssh);
    String node = self(s, nodes);
    MetastoreConfig metastore = MetastoreBinder.bind(s, baseDir(source));
    EventRetention events = EventsBinder.bind(s);
    TimingsBinder timings = TimingsBinder.bind(s);
    List<ServiceEntry> services = ServicesBinder.bind(s, timings, nodes);
    timings.checkSafety(services);
    RemoteChecks.check(nodes, ssh, services);
    AlertsConfig alerts = AlertsBinder.bind(s);
    ApiConfig api = ApiBinder.bind(s, apiPorts, baseDir(source));
    if (problems.count() > 0) {
      return null;
    }
    return new SfcConfig(
        source,
        cluster,
        node,
        nodes,
        metastore.withEvents(events),
        timings.timings(),
        services.stream().map(ServiceEntry::spec).toList(),
        services.stream()
            .filter(e -> !e.health().isEmpty())
            .collect(Collectors.toMap(e -> e.spec().name(), ServiceEntry::health)),
        alerts,
        api,
        ssh,
        services.stream().collect(Collectors.toMap(e -> e.spec().name(), ServiceEntry::runner)));
  }

  private static Path baseDir(Path source) {
    Path abs = source.toAbsolutePath().getParent();
    return abs == null ? Path.of("").toAbsolutePath() : abs;
  }

  private static List<NodeSpec> nodes(
      Section root, Map<String, Integer> apiPorts, Map<String, SshSettings> ssh) {
    Node list = root.list("nodes", NODES_EXAMPLE);
    if (list == null) {
      root.require("nodes", "add " + NODES_EXAMPLE);
      return List.of();
    }
    if (list.items().isEmpty()) {
      root.report("nodes", "is empty; add " + NODES_EXAMPLE);
    }
    List<NodeSpec> out = nodeSpecs(root, list, apiPorts, ssh);
    if (!out.isEmpty() && out.stream().noneMatch(NodeSpec::candidate)) {
      root.report(
          "nodes",
          "every node has candidate: false, so no node could run a service; leave candidate out"
              + " (true) on at least one node");
    }
    return out;
  }

  private static List<NodeSpec> nodeSpecs(
      Section root, Node list, Map<String, Integer> apiPorts, Map<String, SshSettings> ssh) {
    List<NodeSpec> out = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    SshBinder sshDefaults = SshBinder.defaults(root);
    for (Node item : list.items()) {
      Section s = Section.of(item, root.problems(), NODE_KEYS);
      NodeSpec spec = node(s, seen);
      int apiPort = ApiBinder.nodePort(s);
      SshSettings settings = sshDefaults.node(s.section("ssh", SshBinder.KEYS));
      if (spec != null) {
        out.add(spec);
        if (apiPort != 0) {
          apiPorts.put(spec.id(), apiPort);
        }
        if (settings != null) {
          ssh.put(spec.id(), settings);
        }
      }
    }
    return out;
  }

  private static NodeSpec node(Section s, Map<String, String> seen) {
    String id = Names.required(s, "id", "node id", "give the node a unique id, e.g. id: master-1");
    String host = s.requiredString("host", "give the node's host name or address");
    boolean candidate = s.bool("candidate", true);
    if (host != null && (host.isBlank() || host.chars().anyMatch(Character::isWhitespace))) {
      s.report("host", "'" + host + "' is not a host name or address; remove the spaces");
      host = null;
    }
    if (id != null && seen.putIfAbsent(id, s.node().path()) != null) {
      s.report(
          "id",
          "duplicate node id '"
              + id
              + "' (also used by "
              + seen.get(id)
              + "); give every node a unique id");
      return null;
    }
    return id == null || host == null ? null : new NodeSpec(id, host, candidate);
  }

  private static String self(Section root, List<NodeSpec> nodes) {
    String node = root.string("node");
    if (node == null || Names.check(root, "node", node, "node id") == null || nodes.isEmpty()) {
      return node;
    }
    if (nodes.stream().noneMatch(n -> n.id().equals(node))) {
      String ids = nodes.stream().map(NodeSpec::id).collect(Collectors.joining(", "));
      root.report(
          "node",
          "'"
              + node
              + "' is not one of the configured nodes ("
              + ids
              + "); set node: to one of these ids, or add it under nodes:");
    }
    return node;
  }
}
