package io.sfc.it;

import io.sfc.bench.H2Backend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The multi-process scenarios on an H2 server, as {@code sfc demo} runs it. */
class H2ClusterIT extends JdbcClusterIT {
  static H2Backend server;

  @BeforeAll
  static void startH2() throws Exception {
    server = new H2Backend();
    server.start();
  }

  @AfterAll
  static void stopH2() {
    server.close();
  }

  @Override
  String url() {
    return server.url();
  }

  @Override
  String user() {
    return "sa";
  }

  @Override
  String password() {
    return "";
  }
}
