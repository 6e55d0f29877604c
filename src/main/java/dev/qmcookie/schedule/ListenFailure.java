package dev.qmcookie.schedule;

import dev.qmcookie.failure.InvalidInputException;
import java.net.BindException;
import java.net.InetSocketAddress;

/**
 * Why {@code --listen} could not bind, as something the user can fix, instead of a file error. It
 * is the {@code --listen} value that cannot be used here (exit 5), not a program this machine
 * lacks.
 */
public final class ListenFailure {
  private ListenFailure() {}

  public static InvalidInputException of(InetSocketAddress address, BindException e) {
    String host = address.getHostString();
    // An IPv6 address in brackets, as --listen takes it back: [::1]:8091
    String where = (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    String reason = e.getMessage() == null ? "cannot bind" : e.getMessage();
    // The JDK's text is the system's: "Address already in use", "Cannot assign requested
    // address", "Permission denied".
    String next =
        reason.contains("in use")
            ? "another program (or another qmcookie daemon) listens there; stop it or choose another --listen port"
            : "choose an address of this machine and a port above 1023 with --listen";
    return new InvalidInputException("cannot listen on " + where + " (" + reason + "): " + next, e);
  }
}
