package dev.qmcookie.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ListenAddressTest {
  @Test
  void aPortAloneListensOnTheLoopbackOnly() {
    InetSocketAddress a = ListenAddress.parse(" 8091 ");

    assertThat(a.getHostString()).isEqualTo("127.0.0.1");
    assertThat(a.getPort()).isEqualTo(8091);
  }

  @Test
  void aHostAndPortAreTakenAsGivenAndAnIpv6HostLosesItsBrackets() {
    assertThat(ListenAddress.parse("0.0.0.0:9000").getHostString()).isEqualTo("0.0.0.0");
    InetSocketAddress v6 = ListenAddress.parse("[::1]:9001");
    assertThat(v6.getAddress().isLoopbackAddress()).isTrue();
    assertThat(v6.getPort()).isEqualTo(9001);
  }

  @Test
  void whatIsNoPortIsRefusedWithTheFormToUse() {
    for (String bad : new String[] {"http", ":8091", "127.0.0.1:70000", "127.0.0.1:-1"}) {
      assertThatThrownBy(() -> ListenAddress.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("--listen must be PORT or HOST:PORT, like 127.0.0.1:8091");
    }
  }
}
