package io.sfc.lb;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * lb-check's machine-readable output, schema {@value #SCHEMA} (documented in
 * docs/lb-check-json.md): one object per member with its verdict, the status clients get, the AH
 * codes at LogLevel warn and info, causes, the CN/Name workaround's effect, other settings' effects
 * and the fixes.
 */
public final class LbReportJson {
  /** The schema name and version; a change that removes or renames a field raises the version. */
  public static final String SCHEMA = "sfc-lb-check/1";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LbReportJson() {}

  /** The whole document for lb-check. */
  public static ObjectNode document(List<MemberReport> reports, int exitCode) {
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("schema", SCHEMA);
    doc.put("exit_code", exitCode);
    doc.set("members", members(reports));
    return doc;
  }

  /** The members array (also used by doctor's JSON). */
  public static ArrayNode members(List<MemberReport> reports) {
    ArrayNode a = MAPPER.createArrayNode();
    reports.forEach(r -> a.add(member(r)));
    return a;
  }

  /** PASS, FAIL, SKIP (plain http) or ERROR (could not be judged). */
  public static String verdictOf(MemberReport r) {
    if (r.error() != null) {
      return "ERROR";
    }
    if (r.verdict() == null) {
      return "SKIP";
    }
    return r.pass() ? "PASS" : "FAIL";
  }

  private static ObjectNode member(MemberReport r) {
    LbMember m = r.member();
    ObjectNode o = MAPPER.createObjectNode();
    o.put("member", m.url().toString());
    o.put("scope", m.scope());
    o.put("route", m.route());
    strings(o, "context", m.context());
    strings(o, "assumptions", m.assumptions());
    o.put("checked_name", r.checkedName());
    o.put("verdict", verdictOf(r));
    o.put("error", r.error());
    Verdict v = r.verdict();
    if (v == null) {
      o.putNull("status");
      o.putNull("ah_codes");
      o.putNull("workaround_helps");
      strings(o, "causes", List.of());
      strings(o, "effects", List.of());
      strings(o, "fixes", List.of());
      return o;
    }
    o.put("status", v.status());
    ObjectNode codes = o.putObject("ah_codes");
    strings(codes, "warn", v.codesAt("warn"));
    strings(codes, "info", v.codesAt("info"));
    if (v.pass()) {
      o.putNull("workaround_helps");
    } else {
      o.put("workaround_helps", v.workaroundHelps());
    }
    strings(o, "causes", v.causes());
    strings(o, "effects", v.effects());
    strings(o, "fixes", v.fixes());
    return o;
  }

  private static void strings(ObjectNode o, String field, List<String> values) {
    ArrayNode a = o.putArray(field);
    values.forEach(a::add);
  }

  /** Pretty-printed JSON text. */
  public static String text(ObjectNode doc) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
