package dev.qmcookie.web;

import dev.qmcookie.schedule.Daemon;

/** Hands "renew now" and "check now" to the daemon's loop ({@link Daemon#request}). */
@FunctionalInterface
public interface LoopRequests {
  /** Queues the action for the account; returns at once. */
  void request(Daemon.Action action, String account);
}
