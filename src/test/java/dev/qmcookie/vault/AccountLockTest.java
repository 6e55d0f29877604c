package dev.qmcookie.vault;

import static dev.qmcookie.vault.VaultTestSupport.assumePosix;
import static dev.qmcookie.vault.VaultTestSupport.mode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.qmcookie.failure.TransientFailureException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("try") // a lock held by try-with-resources is the point, even when unused
class AccountLockTest {
  private static final Duration SHORT = Duration.ofMillis(300);
  private static final Duration LONG = Duration.ofSeconds(30);

  /** How long a test waits for another thread or process before giving up. */
  private static final long GENEROUS_SECONDS = 30;

  @TempDir Path tmp;
  private ExecutorService other;

  @BeforeEach
  void startOtherThread() {
    other = Executors.newSingleThreadExecutor();
  }

  @AfterEach
  void stopOtherThread() throws InterruptedException {
    other.shutdownNow();
    assertThat(other.awaitTermination(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
  }

  private Account account(Duration lockTimeout) {
    return new Vault(tmp.resolve("home"), lockTimeout).account("default");
  }

  /** Takes and releases the lock on the other thread; returns what it threw, or null. */
  private Throwable lockOnOtherThread(Account account) throws Exception {
    Future<?> f =
        other.submit(
            () -> {
              try (AccountHold lock = account.lock()) {
                return null;
              }
            });
    try {
      f.get(GENEROUS_SECONDS, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  @Test
  void aSecondLockerGivesUpWithATransientFailureWhileTheFirstHoldsIt() throws Exception {
    Account holder = account(LONG);
    Account waiter = account(SHORT);

    try (AccountHold lock = holder.lock()) {
      Throwable thrown = lockOnOtherThread(waiter);

      assertThat(thrown)
          .isInstanceOf(TransientFailureException.class)
          .hasMessageContaining("default")
          .hasMessageContaining("busy");
    }
  }

  @Test
  void afterReleaseTheLockCanBeTakenAgain() throws Exception {
    Account account = account(SHORT);

    try (AccountHold lock = account.lock()) {
      assertThat(lockOnOtherThread(account)).isInstanceOf(TransientFailureException.class);
    }

    assertThat(lockOnOtherThread(account)).isNull();
    try (AccountHold again = account.lock()) {
      assertThat(again).isNotNull();
    }
  }

  @Test
  void aWaitingLockerGetsTheLockOnceTheHolderReleasesIt() throws Exception {
    Account account = account(LONG);
    CountDownLatch aboutToLock = new CountDownLatch(1);
    AtomicBoolean acquired = new AtomicBoolean();
    AtomicReference<Thread> waiterThread = new AtomicReference<>();

    Future<?> waiter;
    try (AccountHold lock = account.lock()) {
      waiter =
          other.submit(
              () -> {
                waiterThread.set(Thread.currentThread());
                aboutToLock.countDown();
                try (AccountHold mine = account.lock()) {
                  acquired.set(true);
                }
                return null;
              });
      assertThat(aboutToLock.await(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
      awaitBlocked(waiterThread.get());
      assertThat(acquired).as("the waiter got in while the lock was held").isFalse();
    }

    waiter.get(GENEROUS_SECONDS, TimeUnit.SECONDS);
    assertThat(acquired).isTrue();
  }

  @Test
  void theSameThreadMayLockAgainAndTheOuterLockStillHoldsAfterTheInnerCloses() throws Exception {
    Account account = account(SHORT);

    try (AccountHold outer = account.lock()) {
      try (AccountHold inner = account.lock()) {
        assertThat(inner).isNotNull();
      }
      assertThat(lockOnOtherThread(account)).isInstanceOf(TransientFailureException.class);
    }
    assertThat(lockOnOtherThread(account)).isNull();
  }

  @Test
  void differentAccountsDoNotBlockEachOther() throws Exception {
    Vault vault = new Vault(tmp.resolve("home"), SHORT);

    try (AccountHold lock = vault.account("default").lock()) {
      assertThat(lockOnOtherThread(vault.account("work.2"))).isNull();
    }
  }

  @Test
  void twoVaultsOnTheSameHomeShareTheLockEvenThroughAnUnnormalisedPath() throws Exception {
    Files.createDirectories(tmp.resolve("elsewhere"));
    Account holder = account(LONG);
    Account viaOtherPath =
        new Vault(tmp.resolve("elsewhere").resolve("..").resolve("home"), SHORT).account("default");

    try (AccountHold lock = holder.lock()) {
      assertThat(lockOnOtherThread(viaOtherPath)).isInstanceOf(TransientFailureException.class);
    }
    assertThat(lockOnOtherThread(viaOtherPath)).isNull();
  }

  @Test
  void aHomeReachedThroughASymlinkSharesTheLock() throws Exception {
    Path real = Files.createDirectories(tmp.resolve("home"));
    Path link;
    try {
      link = Files.createSymbolicLink(tmp.resolve("link"), real);
    } catch (UnsupportedOperationException | IOException e) {
      Assumptions.abort("no symbolic links here: " + e);
      return;
    }
    Account holder = account(LONG);
    Account viaLink = new Vault(link, SHORT).account("default");

    try (AccountHold lock = holder.lock()) {
      assertThat(lockOnOtherThread(viaLink)).isInstanceOf(TransientFailureException.class);
    }
    assertThat(lockOnOtherThread(viaLink)).isNull();
  }

  @Test
  void theLockFileIsOwnerOnlyAndBesideTheCookie() throws Exception {
    assumePosix();
    Account account = account(SHORT);

    try (AccountHold lock = account.lock()) {
      Path lockFile = account.dir().resolve(".lock");
      assertThat(lockFile).isRegularFile();
      assertThat(mode(lockFile)).isEqualTo("rw-------");
      assertThat(mode(account.dir())).isEqualTo("rwx------");
    }
  }

  /** The file lock keeps out other processes: here a Python process holding a POSIX lock. */
  @Test
  void anotherProcessHoldingTheLockMakesLockersWaitAndGiveUp() throws Exception {
    Account account = account(SHORT);
    Files.createDirectories(account.dir());
    Path lockFile = account.dir().resolve(".lock");
    Process python = startPythonLocker(lockFile);
    try {
      CompletableFuture<String> firstLine =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return new BufferedReader(
                          new InputStreamReader(python.getInputStream(), StandardCharsets.UTF_8))
                      .readLine();
                } catch (IOException e) {
                  return "read failed: " + e;
                }
              });
      assertThat(firstLine.get(GENEROUS_SECONDS, TimeUnit.SECONDS)).isEqualTo("locked");

      assertThatThrownBy(account::lock)
          .isInstanceOf(TransientFailureException.class)
          .hasMessageContaining("default");

      python.getOutputStream().close();
      assertThat(python.waitFor(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
      try (AccountHold lock = account.lock()) {
        assertThat(lock).isNotNull();
      }
    } finally {
      python.destroyForcibly();
      python.waitFor(GENEROUS_SECONDS, TimeUnit.SECONDS);
    }
  }

  @Test
  void anInterruptedWaiterGivesUpWithATransientFailure() throws Exception {
    Account account = account(LONG);
    AtomicReference<Thread> waiterThread = new AtomicReference<>();
    CountDownLatch aboutToLock = new CountDownLatch(1);

    Future<Throwable> waiter;
    try (AccountHold lock = account.lock()) {
      waiter =
          other.submit(
              () -> {
                waiterThread.set(Thread.currentThread());
                aboutToLock.countDown();
                Throwable t = catchThrowable(() -> account.lock().close());
                Thread.interrupted();
                return t;
              });
      assertThat(aboutToLock.await(GENEROUS_SECONDS, TimeUnit.SECONDS)).isTrue();
      awaitBlocked(waiterThread.get());
      waiterThread.get().interrupt();
      assertThat(waiter.get(GENEROUS_SECONDS, TimeUnit.SECONDS))
          .isInstanceOf(TransientFailureException.class)
          .hasMessageContaining("interrupted");
    }
    assertThat(lockOnOtherThread(account)).isNull();
  }

  /** Waits until {@code t} is parked, as it is while it waits for the lock. */
  private static void awaitBlocked(Thread t) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GENEROUS_SECONDS);
    while (t.getState() != Thread.State.TIMED_WAITING && t.getState() != Thread.State.WAITING) {
      assertThat(System.nanoTime()).as("thread %s never started waiting", t).isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private static Process startPythonLocker(Path lockFile) throws IOException {
    Process probe;
    try {
      probe = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      probe.getOutputStream().close();
      Assumptions.assumeTrue(
          probe.waitFor(GENEROUS_SECONDS, TimeUnit.SECONDS) && probe.exitValue() == 0);
    } catch (IOException e) {
      Assumptions.abort("python3 is not installed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Assumptions.abort("interrupted");
    }
    return new ProcessBuilder(
            "python3",
            "-c",
            "import fcntl, sys\n"
                + "f = open(sys.argv[1], 'a')\n"
                + "fcntl.lockf(f, fcntl.LOCK_EX)\n"
                + "print('locked', flush=True)\n"
                + "sys.stdin.read()\n",
            lockFile.toString())
        .redirectErrorStream(true)
        .start();
  }

  @Test
  void closingTwiceIsHarmlessAndTheBusyMessageShowsMilliseconds() throws Exception {
    Account account = account(SHORT);
    AccountHold lock = account.lock();
    lock.close();
    lock.close();

    try (AccountHold held = account.lock()) {
      Throwable busy = lockOnOtherThread(account);
      assertThat(busy).hasMessageContaining("over 300ms");
    }
  }
}
