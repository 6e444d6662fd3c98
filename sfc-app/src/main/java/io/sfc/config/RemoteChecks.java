package io.sfc.config;

import io.sfc.core.model.NodeSpec;
import io.sfc.reader.Section;
import io.sfc.runner.fence.Fencing;
import io.sfc.runner.ssh.SshSettings;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Checks that services placed remotely or fenced strictly can reach every node. */
final class RemoteChecks {

  private RemoteChecks() {}

  static void check(
      List<NodeSpec> nodes, Map<String, SshSettings> ssh, List<ServiceEntry> services) {
    String missing =
        nodes.stream()
            .map(NodeSpec::id)
            .filter(id -> !ssh.containsKey(id))
            .collect(Collectors.joining(", "));
    if (missing.isEmpty()) {
      return;
    }
    for (ServiceEntry e : services) {
      Section s = e.section();
      RunnerSettings r = e.runner();
      if (!e.ok()) {
        continue;
      }
      if (r.remote()) {
        s.report(
            "placement",
            "remote needs SSH settings for every node, but "
                + missing
                + " has none; add an ssh: block at the top level (for all nodes) or under the"
                + " node");
      } else if (r.fencing() == Fencing.REQUIRED && r.fenceCommand() == null) {
        s.report(
            "fencing",
            "required needs a way to fence every other node, but "
                + missing
                + " has no SSH settings; add an ssh: block at the top level or under the node, or"
                + " give a fence_command");
      }
    }
  }
}
