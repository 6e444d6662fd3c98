package io.sfc.runner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptsTest {

  @TempDir Path tmp;

  @Test
  void extractsAnExecutableCopyOfTheResource() throws Exception {
    Path shim = Scripts.extract(Scripts.SHIM, tmp.resolve("root"));
    assertThat(shim.getFileName().toString()).isEqualTo("sfc-shim");
    assertThat(Files.isExecutable(shim)).isTrue();
    assertThat(Files.readString(shim)).startsWith("#!/usr/bin/env bash");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shim.getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void extractingAgainReturnsTheSamePathAndRepairsAChangedFile() throws Exception {
    Path root = tmp.resolve("root");
    Path first = Scripts.extract(Scripts.STANDIN, root);
    Files.setPosixFilePermissions(first, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(first, "tampered");
    Path second = Scripts.extract(Scripts.STANDIN, root);
    assertThat(second).isEqualTo(first);
    assertThat(Files.readString(second)).startsWith("#!/usr/bin/env bash");
    assertThat(Files.isExecutable(second)).isTrue();
  }

  @Test
  void concurrentExtractionsAgree() throws Exception {
    Path root = tmp.resolve("root");
    ExecutorService pool = Procs.pool("sfc-test-scripts", 8);
    try {
      List<Callable<Path>> tasks = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        tasks.add(() -> Scripts.extract(Scripts.SHIM, root));
      }
      HashSet<Path> paths = new HashSet<>();
      for (Future<Path> f : pool.invokeAll(tasks)) {
        paths.add(f.get());
      }
      assertThat(paths).hasSize(1);
      Path dir = paths.iterator().next().getParent();
      try (var files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString())).containsExactly("sfc-shim");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void unknownScriptsAreRejected() {
    assertThatThrownBy(() -> Scripts.extract("nope", tmp))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Scripts.extract("../x", tmp))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
