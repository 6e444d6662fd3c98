package io.sfc.config;

import io.sfc.core.model.NodeSpec;
import io.sfc.reader.Node;
import io.sfc.reader.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a service's {@code nodes:} list, the only nodes that may ever acquire it: ids of configured
 * nodes, each once, at least one of them a candidate.
 */
final class EligibleBinder {
  static final String KEY = "nodes";
  private static final String EXAMPLE = "nodes: [master-1, master-2]";

  private EligibleBinder() {}

  /**
   * The ids listed, in order; empty (every node) when absent or after reporting a problem.
   *
   * @param nodes the configured nodes; when empty (themselves in error) ids are not checked
   */
  static List<String> bind(Section s, List<NodeSpec> nodes) {
    Node list = s.list(KEY, EXAMPLE);
    if (list == null) {
      return List.of();
    }
    if (list.items().isEmpty()) {
      s.report(
          KEY,
          "is empty; list the nodes that may run this service, e.g. "
              + EXAMPLE
              + ", or remove nodes: to let every node run it");
      return List.of();
    }
    List<String> ids = s.texts(list);
    if (ids.isEmpty() || nodes.isEmpty() || !known(s, list, ids, nodes)) {
      return List.of();
    }
    if (nodes.stream().noneMatch(n -> n.candidate() && ids.contains(n.id()))) {
      s.report(
          KEY,
          "names only nodes with candidate: false ("
              + String.join(", ", ids)
              + "), so no node could run this service; list a node that may run services");
      return List.of();
    }
    return ids;
  }

  /** True when every id is a configured node and listed once; reports each that is not. */
  private static boolean known(Section s, Node list, List<String> ids, List<NodeSpec> nodes) {
    List<String> known = nodes.stream().map(NodeSpec::id).toList();
    List<String> seen = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      Node item = list.items().get(i);
      if (!known.contains(id)) {
        s.problems()
            .at(
                item,
                "'"
                    + id
                    + "' is not one of the configured nodes ("
                    + known.stream().collect(Collectors.joining(", "))
                    + "); list only ids from nodes:");
        ok = false;
      } else if (seen.contains(id)) {
        s.problems().at(item, "'" + id + "' is listed twice; list every node once");
        ok = false;
      }
      seen.add(id);
    }
    return ok;
  }
}
