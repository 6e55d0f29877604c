package dev.qmcookie.failure;

/**
 * What a failed renewal says about the account, beyond its exit status: the state {@code status}
 * shows and the daemon reacts to. The first three need a person; the others pass by themselves.
 */
public enum Verdict {
  /** The login is no longer valid: only a new login helps. */
  NEEDS_LOGIN("needs-login", ExitStatus.LOGIN_INVALID),
  /** The server wants a security check done in the browser that logged in. */
  NEEDS_VERIFICATION("needs-verification", ExitStatus.LOGIN_INVALID),
  /** The account is unbound, restricted or banned: only its owner can sort it out in the app. */
  ACCOUNT_PROBLEM("account-problem", ExitStatus.LOGIN_INVALID),
  /** The account reached its device limit: the cookie is kept, a later try may work. */
  DEVICE_LIMIT("device-limit", ExitStatus.TRANSIENT),
  /** Requests came too often: back off. */
  TOO_FREQUENT("too-frequent", ExitStatus.TRANSIENT),
  /** The server refused the request's shape (signature or parameters), not the login. */
  REQUEST_REFUSED("request-refused", ExitStatus.TRANSIENT),
  /** Any other passing fault: the network, a server error, an unexpected answer. */
  PASSING("transient", ExitStatus.TRANSIENT),
  /**
   * The shared store did not answer: nothing was read or written there, the cookie is where it was,
   * and a later try may work. The daemon alerts once the store has been silent for a while.
   */
  STORE_UNREACHABLE("store-unreachable", ExitStatus.TRANSIENT);

  private final String id;
  private final int exitStatus;

  Verdict(String id, int exitStatus) {
    this.id = id;
    this.exitStatus = exitStatus;
  }

  /** The name users see, in {@code status}, the history and the daemon's alerts. */
  public String id() {
    return id;
  }

  public int exitStatus() {
    return exitStatus;
  }

  /**
   * Whether {@code t} is a failure with this verdict, or was caused by one through wrappers that
   * are no failure of ours (a store's fault may reach the caller in an {@link
   * java.io.UncheckedIOException}, say). The first of our failures on the way decides: a renewal
   * the store could not save is that, and not the store's passing fault behind it.
   */
  public boolean explains(Throwable t) {
    return in(t).isPresent();
  }

  /** The failure with this verdict that {@link #explains} {@code t}, for its own message. */
  public java.util.Optional<QmcookieException> in(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof QmcookieException failure) {
        boolean match =
            c instanceof TransientFailureException f && f.verdict() == this
                || c instanceof LoginInvalidException f2 && f2.verdict() == this;
        return match ? java.util.Optional.of(failure) : java.util.Optional.empty();
      }
    }
    return java.util.Optional.empty();
  }

  @Override
  public String toString() {
    return id;
  }
}
