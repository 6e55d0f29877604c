package dev.qmcookie.renew;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qmcookie.failure.MessageText;
import dev.qmcookie.failure.Verdict;
import dev.qmcookie.renew.AttemptFailure.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The failure table of {@code docs/protocol.md}: what each non-zero answer code means, whether a
 * retry within the attempt may help, and the one line that says what to do. The one place that
 * knows the codes.
 */
public final class AnswerCodes {
  /** The command that opens the account's browser; the account's name is added by the caller. */
  public static final String LOGIN_COMMAND = "qmcookie login";

  static final Set<Integer> LOGIN_INVALID = Set.of(1000, 104400, 104401);
  static final Set<Integer> VERIFICATION = Set.of(2001, 20254, 20276);
  static final Set<Integer> BINDING = Set.of(20272, 20274);
  static final Set<Integer> RESTRICTED = Set.of(20277, 20278);
  static final int BANNED = 20450;
  static final int DEVICE_LIMIT = 20279;
  static final Set<Integer> TOO_FREQUENT = Set.of(104604, 100001);
  static final int SIGNATURE_INVALID = 2000;
  static final int PARAMETER_ERROR = 20261;
  static final int WRONG_SMS_CODE = 20271;

  /** The advice after a refused request shape, when the other shape was not sent. */
  static final String OTHER_SHAPE_ADVICE = "try the other shape with --shape, and report it";

  /** The advice after a refused request shape, when auto sent both. */
  static final String BOTH_SHAPES_ADVICE = "both request shapes were refused, so report it";

  // The server's own words are quoted, but only this much of them.
  private static final int WORDS_LIMIT = 120;

  private AnswerCodes() {}

  /**
   * The failure for a non-zero {@code code}.
   *
   * @param source whether it is the whole answer's code or the request's
   * @param requestKey the key the request was sent under, which holds its own code
   * @param answer the object holding the code; the server's words and link are looked for in it and
   *     in its parts
   */
  static AttemptFailure failure(
      int code, AttemptFailure.Source source, String requestKey, JsonNode answer) {
    return failure(code, source, requestKey, answer, UnaryOperator.identity());
  }

  /**
   * The failure for a non-zero {@code code}.
   *
   * @param serverText applied to the server's words and link before they are quoted: it masks the
   *     secrets the request carried, which a server may echo
   */
  static AttemptFailure failure(
      int code,
      AttemptFailure.Source source,
      String requestKey,
      JsonNode answer,
      UnaryOperator<String> serverText) {
    String inPart = source == AttemptFailure.Source.TOP_LEVEL ? "" : " in " + requestKey;
    String where = " (code " + code + inPart + words(answer, serverText) + ")";
    if (LOGIN_INVALID.contains(code)) {
      return stop(
          Kind.LOGIN_INVALID,
          code,
          source,
          Verdict.NEEDS_LOGIN,
          "the login is no longer valid" + where);
    }
    if (VERIFICATION.contains(code)) {
      String raw = firstText(answer, "feedbackURL", "feedbackUrl");
      // A link that carries one of the secrets is dropped: quoted, it would reach logs and alerts.
      String link = serverText.apply(raw).equals(raw) ? FeedbackLink.fromAnswer(raw) : null;
      return new AttemptFailure(
          Kind.LOGIN_INVALID,
          code,
          source,
          Verdict.NEEDS_VERIFICATION,
          link,
          "the server wants a security verification"
              + where
              + ": open y.qq.com in the browser that logged in ("
              + LOGIN_COMMAND
              + ") and complete the check"
              + (link == null ? "" : ", or open \"" + MessageText.clean(link) + "\""));
    }
    if (BINDING.contains(code)) {
      return accountProblem(
          code, source, "the account needs binding" + where, "bind it in the QQ Music app");
    }
    if (RESTRICTED.contains(code)) {
      return accountProblem(
          code, source, "the account is restricted" + where, "unblock it in the QQ Music app");
    }
    if (code == BANNED) {
      return accountProblem(
          code,
          source,
          "the account is banned" + where,
          "see the QQ Music app or its support to unblock it");
    }
    if (code == DEVICE_LIMIT) {
      return stop(
          Kind.STOP,
          code,
          source,
          Verdict.DEVICE_LIMIT,
          "the account reached its device limit"
              + where
              + "; the stored cookie was kept and nothing merged: try again in an hour or more,"
              + " or sign out other devices in the QQ Music app");
    }
    if (TOO_FREQUENT.contains(code)) {
      return stop(
          Kind.STOP,
          code,
          source,
          Verdict.TOO_FREQUENT,
          "the server says requests are too frequent"
              + where
              + "; the stored cookie was kept: wait a while before renewing again");
    }
    if (code == SIGNATURE_INVALID || code == PARAMETER_ERROR) {
      return stop(
          Kind.STOP,
          code,
          source,
          Verdict.REQUEST_REFUSED,
          "the server refused the request's shape as "
              + (code == SIGNATURE_INVALID ? "unsigned or badly signed" : "a parameter error")
              + where
              + "; the stored cookie was kept: "
              + OTHER_SHAPE_ADVICE);
    }
    if (code == WRONG_SMS_CODE) {
      return stop(
          Kind.STOP,
          code,
          source,
          Verdict.PASSING,
          "the server answered \"wrong verification code\", an SMS-login answer" + where);
    }
    return new AttemptFailure(
        Kind.RETRY,
        code,
        source,
        Verdict.PASSING,
        null,
        "the server answered code " + code + inPart + words(answer, serverText));
  }

  private static AttemptFailure accountProblem(
      int code, AttemptFailure.Source source, String what, String todo) {
    return stop(
        Kind.LOGIN_INVALID,
        code,
        source,
        Verdict.ACCOUNT_PROBLEM,
        what + ": " + todo + ", then log in again; the stored cookie was kept");
  }

  private static AttemptFailure stop(
      Kind kind, int code, AttemptFailure.Source source, Verdict verdict, String message) {
    return new AttemptFailure(kind, code, source, verdict, null, message);
  }

  // The server's explanation, quoted and cleaned: it reaches a terminal and the history.
  private static String words(JsonNode answer, UnaryOperator<String> serverText) {
    String said = firstText(answer, "errMsg", "errmsg", "errtip", "msg");
    if (said.isBlank()) {
      return "";
    }
    // Masked before the cut, so that no cut-off start of a secret is left.
    String words = MessageText.clean(serverText.apply(said.strip()));
    return ": \"" + MessageText.cut(words, WORDS_LIMIT) + "\"";
  }

  // The holder first, then its parts and their data: a top-level code may come with its words and
  // link inside the request's part, whatever key the request was sent under.
  private static String firstText(JsonNode answer, String... names) {
    List<JsonNode> nodes = new ArrayList<>(List.of(answer));
    answer.elements().forEachRemaining(part -> nodes.add(part));
    answer.elements().forEachRemaining(part -> nodes.add(part.path("data")));
    for (JsonNode node : nodes) {
      for (String name : names) {
        JsonNode v = node.get(name);
        if (v != null && v.isTextual() && !v.asText().isBlank()) {
          return v.asText();
        }
      }
    }
    return "";
  }
}
