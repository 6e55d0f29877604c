package dev.qmcookie.vault;

import dev.qmcookie.failure.TransientFailureException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on one account, between processes and between threads. Close it to release.
 *
 * <p>A file lock alone is not enough: Java file locks belong to the whole JVM, so a second thread
 * would get {@code OverlappingFileLockException} instead of waiting. Each lock file is therefore
 * paired with one in-process lock, kept in a JVM-wide map for exactly that reason.
 */
public final class AccountLock implements AccountHold {
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS =
      new ConcurrentHashMap<>();
  private static final long POLL_MILLIS = 50;

  private final ReentrantLock threadLock;
  private final FileChannel channel;
  private final FileLock fileLock;
  private boolean released;

  private AccountLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
    this.threadLock = threadLock;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /**
   * Waits up to {@code timeout} for the lock.
   *
   * @throws TransientFailureException when another holder keeps it longer than that
   */
  static AccountLock acquire(Path lockFile, String account, Duration timeout) throws IOException {
    // The real path: a home reached through a symlink must share the lock of its target.
    Path key = lockFile.getParent().toRealPath().resolve(lockFile.getFileName());
    ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(key, k -> new ReentrantLock());
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (!threadLock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw busy(account, timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientFailureException("interrupted while waiting for account " + account, 0);
    }
    if (threadLock.getHoldCount() > 1) {
      // This thread already holds the file lock further up the stack.
      return new AccountLock(threadLock, null, null);
    }
    FileChannel channel = null;
    try {
      // Only a regular file, never through a link: a dangling link would create its target, and a
      // FIFO would block the open. Read and write, since opening a FIFO that way never blocks even
      // if one is swapped in after the check.
      channel = RegularFiles.openOrCreate(key, StandardOpenOption.READ, StandardOpenOption.WRITE);
      while (true) {
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException sameJvm) {
          lock = null; // held through another path in this JVM: wait like for any holder
        }
        if (lock != null) {
          return new AccountLock(threadLock, channel, lock);
        }
        if (System.nanoTime() > deadline) {
          throw busy(account, timeout);
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(channel);
      threadLock.unlock();
      throw new TransientFailureException("interrupted while waiting for account " + account, 0);
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      threadLock.unlock();
      throw e;
    }
  }

  private static TransientFailureException busy(String account, Duration timeout) {
    return new TransientFailureException(
        "account "
            + account
            + " is busy: another qmcookie command has held its lock for over "
            + (timeout.toMillis() < 1000 ? timeout.toMillis() + "ms" : timeout.toSeconds() + "s")
            + "; try again later",
        0);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing more to release
      }
    }
  }

  /** Whether this took the lock, rather than re-entering one this thread already holds. */
  boolean outermost() {
    return fileLock != null;
  }

  @Override
  public synchronized void close() {
    if (released) {
      return;
    }
    released = true;
    try {
      if (fileLock != null) {
        try {
          fileLock.release();
        } catch (IOException ignored) {
          // closing the channel releases it too
        }
        closeQuietly(channel);
      }
    } finally {
      threadLock.unlock();
    }
  }
}
