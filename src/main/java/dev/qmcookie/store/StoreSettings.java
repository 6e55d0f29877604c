package dev.qmcookie.store;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How to open a shared store; resolved by the command line.
 *
 * @param url {@code redis://[user:password@]host:port/db} or {@code rediss://…} for TLS
 * @param keyFile the sealing key; created on first use of a new store. May be null with {@code
 *     plaintext}
 * @param plaintext whether to keep documents unsealed; only for a new or plaintext store
 * @param lockTimeout how long a write of import, login, capture or check waits for the lease
 * @param leaseTime how long a lease lasts, should its holder die: longer than one renewal with all
 *     its retries
 * @param holder who takes leases, for the others' messages, such as "host-b:4121"
 */
public record StoreSettings(
    String url,
    Path keyFile,
    boolean plaintext,
    Duration lockTimeout,
    Duration leaseTime,
    String holder) {

  @Override
  public String toString() {
    // The URL may carry a password.
    return "StoreSettings{"
        + StoreUrl.describe(url)
        + ", keyFile="
        + keyFile
        + ", plaintext="
        + plaintext
        + ", lockTimeout="
        + lockTimeout
        + ", leaseTime="
        + leaseTime
        + ", holder="
        + holder
        + "}";
  }
}
