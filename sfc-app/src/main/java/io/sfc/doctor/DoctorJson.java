package io.sfc.doctor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sfc.lb.LbReportJson;
import io.sfc.lb.MemberReport;
import java.util.List;

/**
 * doctor's machine-readable output, schema {@value #SCHEMA} (docs/lb-check-json.md): the findings
 * of the table, and the load balancer members in lb-check's member format.
 */
public final class DoctorJson {
  /** The schema name and version. */
  public static final String SCHEMA = "sfc-doctor/1";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DoctorJson() {}

  /** The document as pretty-printed text. */
  public static String text(List<Finding> findings, List<MemberReport> lbMembers, int exitCode) {
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("schema", SCHEMA);
    doc.put("exit_code", exitCode);
    ArrayNode a = doc.putArray("findings");
    for (Finding f : findings) {
      ObjectNode o = a.addObject();
      o.put("status", f.status().name());
      o.put("check", f.check());
      o.put("subject", f.subject());
      o.put("detail", f.detail());
      o.put("fix", f.fix());
    }
    doc.set("lb_members", LbReportJson.members(lbMembers));
    return LbReportJson.text(doc);
  }
}
