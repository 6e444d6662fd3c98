package io.sfc.metastore.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ZkDataTest {
  @Test
  void aFieldAddedByANewerVersionIsIgnored() throws Exception {
    String json =
        "{\"role\":\"STANDBY\",\"epoch\":3,\"serviceState\":\"STOPPED\",\"pid\":0,"
            + "\"reason\":\"r\",\"addedLater\":{\"x\":1}}";

    ZkData.MemberData d =
        ZkData.read(json.getBytes(StandardCharsets.UTF_8), ZkData.MemberData.class);

    assertThat(d.epoch()).isEqualTo(3);
    assertThat(d.role()).isEqualTo("STANDBY");
  }

  /** The event data of the release before issue 16, as its reader declared it. */
  record OneTimeEventData(String node, String service, long epoch, String kind, String reason) {}

  @Test
  void anEventWithTwoTimesIsReadByTheReaderOfTheReleaseBefore() throws Exception {
    ZkData.EventData written = new ZkData.EventData("n1", "s", 2, "STOPPED", "r", 1000L, 4000L);

    OneTimeEventData old = ZkData.read(ZkData.write(written), OneTimeEventData.class);

    assertThat(old).isEqualTo(new OneTimeEventData("n1", "s", 2, "STOPPED", "r"));
  }
}
