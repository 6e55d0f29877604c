package dev.qmcookie.cli;

import dev.qmcookie.account.StoreTransfer;
import dev.qmcookie.failure.InvalidInputException;
import dev.qmcookie.vault.AccountStore;
import dev.qmcookie.vault.Vault;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    description = {
      "Moves accounts between the home's folders and the shared store (--store, $QMCOOKIE_STORE",
      "or config.json's store): push copies the folders' cookies into the store, pull copies the",
      "store's into the folders. Each cookie goes with its last renewal attempt and last check;",
      "browser profiles stay on their host. An account that already holds the same cookie is",
      "left unchanged; one that holds a newer login is refused (exit 5) unless --force."
    },
    subcommands = {StoreCommand.Push.class, StoreCommand.Pull.class})
final class StoreCommand implements Runnable {
  @ParentCommand QmcookieCommand parent;
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name what to do: qmcookie store push, or qmcookie store pull");
  }

  @Command(
      name = "push",
      mixinStandardHelpOptions = true,
      description = {
        "Copies the home's accounts into the shared store: all of them, or --account NAME.",
        "Run it once to move a home into a new store, or to fill a store that Redis lost."
      })
  static final class Push extends Transfer {
    Push() {
      super(true);
    }
  }

  @Command(
      name = "pull",
      mixinStandardHelpOptions = true,
      description = {
        "Copies the shared store's accounts into the home's folders: all of them, or --account",
        "NAME. The folders' files are written owner-only and atomically, as renew writes them."
      })
  static final class Pull extends Transfer {
    Pull() {
      super(false);
    }
  }

  abstract static class Transfer implements Callable<Integer> {
    @ParentCommand StoreCommand parent;
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;

    @Option(
        names = "--force",
        description = "Overwrite an account whose copy at the other end holds a newer login.")
    boolean force;

    private final boolean push;

    Transfer(boolean push) {
      this.push = push;
    }

    @Override
    public Integer call() throws Exception {
      CliContext ctx = parent.parent.context();
      if (!common.storeConfigured()) {
        throw new InvalidInputException(
            "no store is configured: give --store redis://host:port/db, or set $"
                + StoreOptions.ENV);
      }
      Vault folders = common.folderVault();
      // push may make a new store; pull only reads one.
      Vault store = push ? common.vaultToWrite() : common.vault();
      String storeName = "the store " + store.store().map(AccountStore::describe).orElseThrow();
      String folderName = "the folders of " + folders.home().toAbsolutePath();
      StoreTransfer transfer =
          push
              ? new StoreTransfer(folders, folderName, store, storeName, force)
              : new StoreTransfer(store, storeName, folders, folderName, force);
      String where = push ? " into " + storeName : " into " + folderName;
      int worst = ExitCodes.OK;
      for (StoreTransfer.Result r : transfer.run(accounts(), r -> show(ctx, r, where))) {
        worst =
            ExitCodes.worst(worst, r.failure() == null ? ExitCodes.OK : ExitCodes.of(r.failure()));
      }
      return worst;
    }

    // Every account unless --account is on the command line: config.json's account is the
    // one other commands use, not a limit on moving a home.
    private List<String> accounts() {
      OptionSpec option = spec.findOption("--account");
      return option != null && !option.originalStringValues().isEmpty()
          ? List.of(common.account)
          : List.of();
    }

    private void show(CliContext ctx, StoreTransfer.Result r, String where) {
      if (r.failure() != null) {
        Failures.report(ctx.err(), r.failure(), r.account() + ": ", common.verbose);
      } else if (r.outcome() == StoreTransfer.Outcome.COPIED) {
        ctx.out().println(r.account() + ": copied" + where);
      } else {
        ctx.out().println(r.account() + ": unchanged, the same cookie is there already");
      }
    }
  }
}
