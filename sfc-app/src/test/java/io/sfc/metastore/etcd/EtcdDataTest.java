package io.sfc.metastore.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EtcdDataTest {
  @Test
  void aFieldAddedByANewerVersionIsIgnored() throws Exception {
    String json =
        "{\"atMs\":5,\"node\":\"n1\",\"service\":\"s\",\"epoch\":2,\"kind\":\"STARTED\","
            + "\"reason\":\"r\",\"occurredAtMs\":4}";

    EtcdData.EventValue v =
        EtcdData.read(ByteSequence.from(json, StandardCharsets.UTF_8), EtcdData.EventValue.class);

    assertThat(v.kind()).isEqualTo("STARTED");
    assertThat(v.atMs()).isEqualTo(5);
  }

  /** The event value of the release before issue 16, as its reader declared it. */
  record OneTimeEventValue(
      long atMs, String node, String service, long epoch, String kind, String reason) {}

  @Test
  void anEventWithTwoTimesIsReadByTheReaderOfTheReleaseBefore() throws Exception {
    EtcdData.EventValue written =
        new EtcdData.EventValue(5000, "n1", "s", 2, "STOPPED", "r", 1000L, 4000L);

    OneTimeEventValue old = EtcdData.read(EtcdData.write(written), OneTimeEventValue.class);

    assertThat(old).isEqualTo(new OneTimeEventValue(5000, "n1", "s", 2, "STOPPED", "r"));
  }
}
