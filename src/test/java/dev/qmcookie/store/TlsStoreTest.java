package dev.qmcookie.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.failure.SetupException;
import dev.qmcookie.testkit.HandClock;
import dev.qmcookie.testkit.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsStoreTest {
  @TempDir Path dir;

  @Test
  void aCertificateTheJvmDoesNotTrustIsRefusedAndNothingIsWritten() throws Exception {
    HeldCertificate certificate =
        new HeldCertificate.Builder().addSubjectAlternativeName("127.0.0.1").build();
    Path cert = Files.writeString(dir.resolve("cert.pem"), certificate.certificatePem());
    Path key = Files.writeString(dir.resolve("key.pem"), certificate.privateKeyPkcs8Pem());
    Path keyFile = dir.resolve("store.key");

    try (RedisServer redis = RedisServer.tls(cert, key)) {
      StoreSettings settings =
          new StoreSettings(
              redis.url(), keyFile, false, Hosts.LOCK_TIMEOUT, Hosts.LEASE, "host-a:1");

      assertThatThrownBy(
              () -> RedisStore.open(settings, new HandClock(Instant.parse("2026-11-29T01:00:00Z"))))
          .isInstanceOf(SetupException.class)
          .hasMessageStartingWith("the store " + redis.url() + " is not who its certificate says")
          .hasMessageContaining("-Djavax.net.ssl.trustStore");
    }
    assertThat(keyFile).doesNotExist();
  }
}
