package dev.qmcookie.account;

import dev.qmcookie.vault.Account;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** Renews several accounts side by side with one {@link AccountRenewal}, each on its own. */
public final class RenewAll {
  /** How one account's renewal ended: its report, or the failure that stopped it. */
  public record Result(Account account, AccountRenewal.Report report, Exception failure) {}

  private RenewAll() {}

  /**
   * Renews each account, at most {@code parallel} at once. One account's failure never stops the
   * others.
   *
   * @param each told of each result as soon as it is there, from the thread that renewed it
   * @return the results, in the order of {@code accounts}
   */
  public static List<Result> run(
      AccountRenewal renewal, List<Account> accounts, int parallel, Consumer<Result> each)
      throws InterruptedException, ExecutionException {
    if (accounts.isEmpty()) {
      return List.of();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, accounts.size()));
    try {
      List<Future<Result>> futures = new ArrayList<>();
      for (Account account : accounts) {
        futures.add(
            pool.submit(
                () -> {
                  Result result = renewOne(renewal, account);
                  each.accept(result);
                  return result;
                }));
      }
      List<Result> results = new ArrayList<>();
      for (Future<Result> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Result renewOne(AccountRenewal renewal, Account account) {
    try {
      return new Result(account, renewal.renew(account), null);
    } catch (Exception e) {
      return new Result(account, null, e);
    }
  }
}
