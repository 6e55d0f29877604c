package dev.qmcookie.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.BindException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ListenFailureTest {
  @Test
  void anIpv6AddressIsNamedAsListenTakesIt() {
    String message =
        ListenFailure.of(
                new InetSocketAddress("::1", 8091), new BindException("Address already in use"))
            .getMessage();

    assertThat(message)
        .startsWith("cannot listen on [0:0:0:0:0:0:0:1]:8091 (Address already in use): ");
  }

  @Test
  void anAddressThatIsNotThisMachinesSaysSo() {
    String message =
        ListenFailure.of(
                new InetSocketAddress("192.0.2.1", 8091),
                new BindException("Cannot assign requested address"))
            .getMessage();

    assertThat(message)
        .startsWith("cannot listen on 192.0.2.1:8091 (Cannot assign requested address): ")
        .contains("choose an address of this machine");
  }
}
