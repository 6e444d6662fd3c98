package io.sfc.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tarball that {@code ./mvnw package} builds, unpacked elsewhere and run as a user would. */
class DistributionIT {
  @TempDir Path dir;

  String run(List<String> command) throws Exception {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void unpackedTarballHasTheLauncherJarDocsAndUnitAndRuns() throws Exception {
    Path tarball = Path.of(System.getProperty("sfc.dist"));
    run(List.of("tar", "xzf", tarball.toString()));
    Path home;
    try (var entries = Files.list(dir)) {
      home = entries.findFirst().orElseThrow();
    }
    assertThat(home.getFileName().toString()).startsWith("sfc-");
    assertThat(home.resolve("bin/sfc")).isExecutable();
    assertThat(home.resolve("lib/sfc.jar")).isRegularFile();
    assertThat(home.resolve("systemd/sfc.service")).content().contains("Restart=always");
    assertThat(home.resolve("examples/sfc.yaml")).isRegularFile();
    assertThat(home.resolve("docs/configuration.md")).isRegularFile();
    String help = run(List.of(home.resolve("bin/sfc").toString(), "--help"));
    assertThat(help).contains("start", "status", "demo", "init");
  }
}
