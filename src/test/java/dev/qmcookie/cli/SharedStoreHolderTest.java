package dev.qmcookie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The lease holder's name other hosts see: the kernel's host name and the pid, never a lookup. */
class SharedStoreHolderTest {
  @Test
  void theHolderIsTheKernelsHostNameAndThePid() throws Exception {
    String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();

    assertThat(SharedStore.holder()).isEqualTo(kernel + ":" + ProcessHandle.current().pid());
  }

  @Test
  void theNameIsTrimmedAndAnUnreadableOneIsSaidToBeUnknown() {
    assertThat(SharedStore.holder(() -> "box-1\n", 42)).isEqualTo("box-1:42");
    assertThat(SharedStore.holder(() -> "", 7)).isEqualTo("unknown-host:7");
  }
}
