package dev.qmcookie.renew;

import java.util.Locale;

/** Which renewal shape to send: {@code --shape auto|a|b}. */
public enum ShapeChoice {
  /** The shape that last worked for the account (A when none has), and the other once if needed. */
  AUTO("auto"),
  /** Shape A only. */
  A("a"),
  /** Shape B only. */
  B("b");

  private final String id;

  ShapeChoice(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /**
   * The shape to send first.
   *
   * @param storedShape the id of the shape that last worked for the account, or null
   */
  public RenewalShape first(String storedShape) {
    switch (this) {
      case A:
        return RenewalShape.A;
      case B:
        return RenewalShape.B;
      default:
        RenewalShape stored = RenewalShape.ofId(storedShape);
        return stored == null ? RenewalShape.A : stored;
    }
  }

  /** True when a refusal that a shape change could explain may be answered with the other shape. */
  public boolean mayFallBack() {
    return this == AUTO;
  }

  /**
   * @throws IllegalArgumentException naming the choices
   */
  public static ShapeChoice parse(String text) {
    String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (ShapeChoice c : values()) {
      if (c.id.equals(wanted)) {
        return c;
      }
    }
    throw new IllegalArgumentException("expected auto, a or b, not \"" + text + "\"");
  }

  @Override
  public String toString() {
    return id;
  }
}
