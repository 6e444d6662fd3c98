package io.sfc.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sfc.core.model.Event;
import io.sfc.core.model.LeaseRecord;
import io.sfc.core.model.MemberReport;
import io.sfc.core.model.Switchover;
import java.util.List;

/**
 * The JSON shapes of {@link ClusterView} and of the event history, shared by {@code sfc status
 * --json}, {@code sfc history --json} and the HTTP API. Durations are whole milliseconds ({@code
 * ...Ms}), times ISO-8601; field names are stable.
 */
public final class AdminJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AdminJson() {}

  /** The cluster view as a JSON tree. */
  public static ObjectNode status(ClusterView v) {
    ObjectNode root = JSON.createObjectNode();
    root.put("cluster", v.cluster());
    root.put("metastore", v.metastore());
    ArrayNode services = root.putArray("services");
    for (ServiceView s : v.services()) {
      services.add(service(s));
    }
    return root;
  }

  private static ObjectNode service(ServiceView s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("service", s.service());
    n.put("paused", s.directives().paused());
    n.put("pausedBy", s.directives().pausedBy());
    n.set("lease", lease(s.lease()));
    n.set("switchover", switchover(s.directives().switchover()));
    n.set("state", state(s.state()));
    ArrayNode members = n.putArray("members");
    s.memberViews().forEach(m -> members.add(member(m)));
    return n;
  }

  private static ObjectNode lease(LeaseRecord l) {
    ObjectNode n = JSON.createObjectNode();
    n.put("holder", l.holder());
    n.put("epoch", l.epoch());
    n.put("free", l.isFree());
    n.put("remainingMs", l.remaining().toMillis());
    return n;
  }

  /**
   * The stored state files, or null for a service without {@code state_files}: {@code newestAgeMs}
   * (null while nothing is stored), and per configured file its stored copy's epoch, size and age,
   * or {@code stored: false}.
   */
  private static ObjectNode state(StateSummary st) {
    if (!st.any()) {
      return null;
    }
    ObjectNode n = JSON.createObjectNode();
    st.newestAge()
        .ifPresentOrElse(a -> n.put("newestAgeMs", a.toMillis()), () -> n.putNull("newestAgeMs"));
    ArrayNode files = n.putArray("files");
    for (String name : st.configured()) {
      ObjectNode f = files.addObject();
      f.put("name", name);
      var copy = st.stored().stream().filter(c -> c.name().equals(name)).findFirst();
      f.put("stored", copy.isPresent());
      copy.ifPresent(
          c -> {
            f.put("epoch", c.epoch());
            f.put("bytes", c.bytes());
            f.put("ageMs", c.age().toMillis());
          });
    }
    return n;
  }

  private static ObjectNode switchover(Switchover sw) {
    if (sw == null) {
      return null;
    }
    ObjectNode n = JSON.createObjectNode();
    n.put("from", sw.from());
    n.put("epoch", sw.epoch());
    n.put("to", sw.to());
    n.put("requestedBy", sw.requestedBy());
    n.put("ageMs", sw.age().toMillis());
    return n;
  }

  /**
   * A member as every view shows it ({@link MemberView}): {@code role}, {@code state} and {@code
   * pid} say what is known now; {@code reported} holds what the node last wrote; {@code placement}
   * is {@code not eligible} or {@code not a candidate} when placement keeps the node from ever
   * running the service, else null.
   */
  private static ObjectNode member(MemberView m) {
    ObjectNode n = JSON.createObjectNode();
    n.put("node", m.node());
    n.put("role", m.role());
    n.put("epoch", m.epoch());
    n.put("state", m.state());
    n.put("pid", m.pid());
    n.put("reason", m.reason());
    n.put("ageMs", m.age().toMillis());
    n.put("stale", m.stale());
    n.put("note", m.note());
    n.put("placement", m.placement());
    MemberReport r = m.reported();
    ObjectNode reported = n.putObject("reported");
    reported.put("role", r.roleName());
    reported.put("state", r.stateName());
    reported.put("pid", r.pid());
    return n;
  }

  /**
   * Events, in the given order, as a JSON array. {@code at} is when the event happened ({@code
   * occurredAt}; for events written at once, as before issue 16, also when it was recorded), {@code
   * recordedAt} the metastore's time when written, {@code delayMs} how long it waited to be
   * written, {@code late} whether that was more than a second, {@code timesNote} what the views
   * show of the two times (null when nothing).
   */
  public static ArrayNode history(List<Event> events) {
    ArrayNode out = JSON.createArrayNode();
    for (Event e : events) {
      ObjectNode n = out.addObject();
      n.put("at", text(e.when()));
      n.put("occurredAt", text(e.when()));
      n.put("recordedAt", text(e.at()));
      n.put("delayMs", e.delayMs());
      n.put("late", e.late());
      n.put("timesNote", EventTimes.note(e));
      n.put("node", e.node());
      n.put("service", e.service());
      n.put("epoch", e.epoch());
      n.put("kind", e.kindName());
      n.put("reason", e.reason());
    }
    return out;
  }

  private static String text(java.time.Instant t) {
    return t == null ? null : t.toString();
  }

  /** {@code tree} as indented JSON text, secrets masked by {@link io.sfc.secret.Secrets#mask}. */
  public static String text(Object tree) {
    try {
      return io.sfc.secret.Secrets.mask(JSON.writeValueAsString(tree));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
