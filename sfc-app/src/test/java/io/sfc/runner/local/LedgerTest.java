package io.sfc.runner.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerTest {

  @Test
  void sequentialInstancesDoNotOverlap() {
    Ledger l =
        Ledger.parse(
            List.of(
                "start n1 100 1 1000",
                "alive n1 100 1 1100",
                "stop n1 100 1 1150",
                "start n2 200 2 1200",
                "alive n2 200 2 1300"));
    assertThat(l.intervals())
        .containsExactly(
            new Ledger.Interval("n1", 100, 1, 1000, 1150, true),
            new Ledger.Interval("n2", 200, 2, 1200, 1300, false));
    assertThat(l.overlaps()).isEmpty();
    assertThat(l.summary()).isEqualTo("2 instances, 0 overlaps");
  }

  @Test
  void overlappingInstancesAreDetected() {
    Ledger l =
        Ledger.parse(
            List.of(
                "start n1 100 1 1000",
                "start n2 200 2 1100",
                "alive n1 100 1 1150",
                "alive n2 200 2 1200",
                "start n3 300 3 5000"));
    assertThat(l.overlaps()).hasSize(1);
    Ledger.Overlap o = l.overlaps().get(0);
    assertThat(o.first().pid()).isEqualTo(100);
    assertThat(o.second().pid()).isEqualTo(200);
    assertThat(l.summary()).startsWith("3 instances, 1 overlaps; first: n1/100@1");
  }

  @Test
  void slackCatchesInstancesThatMayHaveRunTogether() {
    Ledger l =
        Ledger.parse(List.of("start n1 100 1 1000", "alive n1 100 1 1100", "start n2 200 2 1150"));
    assertThat(l.overlaps()).isEmpty();
    assertThat(l.overlaps(100)).hasSize(1);
  }

  @Test
  void aReusedPidStartsANewInstanceAndBadLinesAreCounted() {
    Ledger l =
        Ledger.parse(
            List.of(
                "start n1 100 1 1000",
                "alive n1 100 1 1100",
                "garbage",
                "alive n1 100 x 1200",
                "",
                "start n1 100 2 2000",
                "stop n1 100 2 2100"));
    assertThat(l.intervals()).hasSize(2);
    assertThat(l.intervals().get(1).epoch()).isEqualTo(2);
    assertThat(l.malformedLines()).isEqualTo(3);
    assertThat(l.overlaps()).isEmpty();
    assertThat(l.summary()).contains("3 malformed lines");
  }

  @Test
  void readsTheFileWrittenByTheStandIn(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("ledger");
    Files.writeString(f, "start n1 7 3 10\nalive n1 7 3 20\nstop n1 7 3 25\n");
    assertThat(Ledger.read(f).intervals())
        .containsExactly(new Ledger.Interval("n1", 7, 3, 10, 25, true));
  }
}
