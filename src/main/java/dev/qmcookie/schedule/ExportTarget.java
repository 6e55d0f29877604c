package dev.qmcookie.schedule;

import dev.qmcookie.cookie.CookieFormat;
import dev.qmcookie.failure.InvalidInputException;
import java.nio.file.Path;

/**
 * A file the daemon keeps current: {@code [ACCOUNT=]FORMAT:PATH}. Without an account it belongs to
 * the daemon's {@code --account}; a PATH with {@code {account}} serves every account.
 *
 * @param account the account, or null for "the default account, or all with {account}"
 */
public record ExportTarget(String account, CookieFormat format, String path) {
  public static final String PLACEHOLDER = "{account}";

  /**
   * @throws InvalidInputException naming the accepted form
   */
  public static ExportTarget parse(String text) {
    String account = null;
    String rest = text;
    int eq = text.indexOf('=');
    int colon = text.indexOf(':');
    if (eq > 0 && (colon < 0 || eq < colon)) {
      account = text.substring(0, eq);
      rest = text.substring(eq + 1);
      colon = rest.indexOf(':');
    }
    if (colon <= 0 || colon == rest.length() - 1) {
      throw invalid(text);
    }
    CookieFormat format = CookieFormat.byId(rest.substring(0, colon));
    if (format == null) {
      throw invalid(text);
    }
    return new ExportTarget(account, format, rest.substring(colon + 1));
  }

  /** Whether this target takes the cookie of {@code name}, given the daemon's default account. */
  public boolean appliesTo(String name, String defaultAccount) {
    if (account != null) {
      return account.equals(name);
    }
    return path.contains(PLACEHOLDER) || name.equals(defaultAccount);
  }

  /** Where the cookie of {@code name} goes. */
  public Path pathFor(String name) {
    return Path.of(path.replace(PLACEHOLDER, name));
  }

  private static InvalidInputException invalid(String text) {
    return new InvalidInputException(
        "--export \""
            + text
            + "\" is not [ACCOUNT=]FORMAT:PATH with FORMAT one of "
            + CookieFormat.ids()
            + ", e.g. header:/srv/meting/cookie/tencent");
  }
}
