package dev.qmcookie.cookie;

/** How the account logged in to QQ Music. */
public enum LoginKind {
  QQ("QQ"),
  WECHAT("WeChat");

  private final String label;

  LoginKind(String label) {
    this.label = label;
  }

  /** The name users know: {@code QQ} or {@code WeChat}. */
  public String label() {
    return label;
  }

  /** The lower-case id used in JSON: {@code qq} or {@code wechat}. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
