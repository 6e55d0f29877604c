package dev.qmcookie.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.qmcookie.failure.TransientFailureException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chrome's SingletonLock: a live holder stops a launch, a crashed one's lock is cleared. */
class ProfileLockTest {
  static final String HOST = "thishost";
  @TempDir Path profile;

  @Test
  void aLockOfALiveProcessStopsTheLaunchAndStaysInPlace() throws Exception {
    long livePid = ProcessHandle.current().pid();
    Files.createSymbolicLink(profile.resolve("SingletonLock"), Path.of(HOST + "-" + livePid));

    assertThatThrownBy(() -> ProfileLock.ensureFree(profile, HOST))
        .isInstanceOf(TransientFailureException.class)
        .hasMessageContaining("in use by process " + livePid);
    assertThat(profile.resolve("SingletonLock")).isSymbolicLink();
  }

  @Test
  void aStaleLockLeftByACrashIsRemoved() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.createSymbolicLink(profile.resolve("SingletonLock"), Path.of(HOST + "-" + gone.pid()));
    Files.createSymbolicLink(
        profile.resolve("SingletonSocket"), Path.of("/tmp/gone/SingletonSocket"));

    ProfileLock.ensureFree(profile, HOST);

    assertThat(Files.exists(profile.resolve("SingletonLock"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(Files.exists(profile.resolve("SingletonSocket"), LinkOption.NOFOLLOW_LINKS))
        .isFalse();
  }

  @Test
  void aLockOfAnotherHostIsNotTouched() throws Exception {
    Files.createSymbolicLink(profile.resolve("SingletonLock"), Path.of("otherhost-1"));

    assertThatThrownBy(() -> ProfileLock.ensureFree(profile, HOST))
        .isInstanceOf(TransientFailureException.class)
        .hasMessageContaining("host otherhost");
    assertThat(profile.resolve("SingletonLock")).isSymbolicLink();
  }
}
