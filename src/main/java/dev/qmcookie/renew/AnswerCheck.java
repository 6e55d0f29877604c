package dev.qmcookie.renew;

import dev.qmcookie.cookie.Cookie;
import dev.qmcookie.cookie.CookieRecord;
import dev.qmcookie.cookie.CookieRules;
import dev.qmcookie.cookie.MusicLogin;
import dev.qmcookie.failure.MessageText;
import dev.qmcookie.renew.AttemptFailure.Kind;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a record merged from a renewal answer before anyone may store it. The answer is the
 * server's word, and a hostile or broken server (or anyone in the path) must not be able to move
 * the cookie to another account, smuggle a line into the exports, or date the key in the future.
 */
final class AnswerCheck {
  private static final List<String> ACCOUNT_FIELDS = List.of(MusicLogin.UIN, MusicLogin.WX_UIN);

  private AnswerCheck() {}

  /**
   * @return {@code renewed}, when it is safe to store
   * @throws AttemptFailure a {@link Kind#STOP}: asking again would get the same answer
   */
  static CookieRecord check(CookieRecord old, CookieRecord renewed, Instant now)
      throws AttemptFailure {
    int index = 0;
    for (Cookie c : renewed.cookies()) {
      Optional<String> problem = CookieRules.problem(c, ++index);
      if (problem.isPresent()) {
        throw rejected("the answer sets an unsafe cookie (" + problem.get() + ")");
      }
    }
    String uin = old.login().uin();
    for (String field : ACCOUNT_FIELDS) {
      Set<String> before = valuesOf(old, field);
      for (Cookie c : renewed.cookies()) {
        if (c.name().equals(field) && !before.contains(c.value()) && !sameAccount(c.value(), uin)) {
          throw rejected(
              "the answer tries to change "
                  + field
                  + " to \""
                  + MessageText.quote(c.value())
                  + "\", but this cookie is for account "
                  + uin);
        }
      }
    }
    if (!renewed.login().uin().equals(uin)) {
      throw rejected("the answer changes the account from " + uin + " to " + renewed.login().uin());
    }
    if (renewed.login().keyCreatedInFuture(now)) {
      throw rejected(
          "the answer dates the new key "
              + Instant.ofEpochSecond(renewed.login().keyCreatedAt().getAsLong())
              + ", in the future");
    }
    return renewed;
  }

  private static AttemptFailure rejected(String why) {
    return new AttemptFailure(Kind.STOP, 0, why + "; it was rejected and nothing changed");
  }

  private static Set<String> valuesOf(CookieRecord record, String name) {
    Set<String> values = new HashSet<>();
    for (Cookie c : record.cookies()) {
      if (c.name().equals(name)) {
        values.add(c.value());
      }
    }
    return values;
  }

  // WeChat's wxuin spells the account as "o" and digits, sometimes zero-padded.
  private static boolean sameAccount(String value, String uin) {
    String digits = value.trim().replaceFirst("^o", "").replaceFirst("^0+(?=\\d)", "");
    return !uin.isEmpty() && digits.equals(uin);
  }
}
