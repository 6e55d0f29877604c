package dev.qmcookie.store;

/**
 * Every key qmcookie keeps in Redis, in the database the URL names. docs/fleet.md cites this.
 *
 * <pre>
 *   qmcookie:store                    hash  format   "aes-256-gcm" or "plaintext"
 *                                           check    a sealed known value: proves the key file
 *                                           created  when the store was first used (ISO-8601)
 *   qmcookie:accounts                 set   the names of the accounts that hold a cookie
 *   qmcookie:account:NAME             hash  doc      the stored document: cookie.json's JSON
 *                                           prev     the document before it
 *                                           version  1 for the first document, +1 on each write
 *                                           lastAttempt  the last renewal attempt (last-renewal.json)
 *                                           lastCheck    the last live check (last-check.json)
 *   qmcookie:account:NAME:history     list  the renewal attempts, newest first, history.jsonl's
 *                                           lines (with "time" and "account"); the last 1000
 *   qmcookie:account:NAME:lease       string "HOLDER TOKEN" while HOLDER renews or writes the
 *                                           account; expires after the lease time (SET NX PX)
 *   qmcookie:changes                  channel "NAME VERSION" after each document write
 * </pre>
 *
 * In a sealed store every value of an account's hash but the version, and every history line, is
 * AES-256-GCM ciphertext: base64 of a 12-byte nonce followed by the sealed bytes and their tag. Its
 * associated data binds it to the account and field ({@link #purpose}), and a document also to its
 * version, so that no value opens under another account, field or version. A document only moves
 * from doc to prev, inside the write script, and a prev is opened with version - 1.
 */
final class StoreLayout {
  static final String PREFIX = "qmcookie:";
  static final String STORE = PREFIX + "store";
  static final String ACCOUNTS = PREFIX + "accounts";
  static final String CHANGES = PREFIX + "changes";

  static final String FORMAT = "format";
  static final String CHECK = "check";
  static final String CREATED = "created";

  static final String DOC = "doc";
  static final String PREV = "prev";
  static final String VERSION = "version";
  static final String LAST_ATTEMPT = "lastAttempt";
  static final String LAST_CHECK = "lastCheck";
  static final String HISTORY = "history";

  /** The history lines kept per account. */
  static final int HISTORY_LENGTH = 1000;

  private StoreLayout() {}

  static String account(String name) {
    return PREFIX + "account:" + name;
  }

  static String history(String name) {
    return account(name) + ":history";
  }

  static String lease(String name) {
    return account(name) + ":lease";
  }

  /** What a sealed value of {@code field} of account {@code name} is bound to. */
  static String purpose(String name, String field) {
    return "qmcookie/account/" + name + "/" + field;
  }

  /** What the document of {@code version} is bound to, in doc or, one write later, in prev. */
  static String documentPurpose(String name, long version) {
    return purpose(name, DOC) + "/" + version;
  }

  static String checkPurpose() {
    return "qmcookie/store/check";
  }
}
