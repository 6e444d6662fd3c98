package io.sfc.core.port;

import io.sfc.core.model.MemberReport;
import java.util.List;

/** Where each controller publishes its view of each service, for {@code sfc status}. */
public interface MemberRegistry {

  /** Creates or replaces the report of {@code report.node()} for {@code report.service()}. */
  void report(MemberReport report) throws MetastoreException;

  /** All reports, ordered by service then node, each with its age on the metastore's clock. */
  List<MemberReport> members() throws MetastoreException;
}
