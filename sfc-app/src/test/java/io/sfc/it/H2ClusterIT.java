package io.sfc.it;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The multi-process scenarios on an H2 server, as {@code sfc demo} runs it. */
class H2ClusterIT extends JdbcClusterIT {
  static Server server;
  static Path base;

  @BeforeAll
  static void startH2() throws Exception {
    base = Files.createTempDirectory("sfc-h2-it");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    server =
        Server.createTcpServer(
                "-tcpPort", Integer.toString(port), "-baseDir", base.toString(), "-ifNotExists")
            .start();
  }

  @AfterAll
  static void stopH2() {
    server.stop();
  }

  @Override
  String url() {
    return "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/sfc-it";
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
