package dev.qmcookie.cookie;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An immutable, ordered set of cookies. Order is kept so that a header string round-trips exactly;
 * the same name may appear on several domains. Changes return a new set.
 */
public final class CookieSet implements Iterable<Cookie> {
  /** The host whose view of the cookies counts when a name appears on several domains. */
  public static final String MUSIC_HOST = "y.qq.com";

  private static final CookieSet EMPTY = new CookieSet(List.of());

  private final List<Cookie> cookies;

  private CookieSet(List<Cookie> cookies) {
    this.cookies = cookies;
  }

  public static CookieSet of(List<Cookie> cookies) {
    return cookies.isEmpty() ? EMPTY : new CookieSet(List.copyOf(cookies));
  }

  public static CookieSet empty() {
    return EMPTY;
  }

  public List<Cookie> asList() {
    return cookies;
  }

  public int size() {
    return cookies.size();
  }

  public boolean isEmpty() {
    return cookies.isEmpty();
  }

  @Override
  public Iterator<Cookie> iterator() {
    return cookies.iterator();
  }

  /**
   * The value of {@code name} as y.qq.com sees it: the first such cookie that applies to {@link
   * #MUSIC_HOST}, else the first of that name anywhere.
   */
  public Optional<String> value(String name) {
    Cookie any = null;
    for (Cookie c : cookies) {
      if (c.name().equals(name)) {
        if (c.appliesTo(MUSIC_HOST)) {
          return Optional.of(c.value());
        }
        if (any == null) {
          any = c;
        }
      }
    }
    return Optional.ofNullable(any).map(Cookie::value);
  }

  /** The value of {@code name}, or "" when it is absent. */
  public String valueOrEmpty(String name) {
    return value(name).orElse("");
  }

  /** True when a cookie of that name exists and its value is not empty. */
  public boolean hasValue(String name) {
    return !valueOrEmpty(name).isEmpty();
  }

  /**
   * Sets {@code name} to {@code newValue} on every cookie of that name, keeping their attributes
   * and places; appends a {@code .qq.com} session cookie when there is none.
   */
  public CookieSet withValue(String name, String newValue) {
    List<Cookie> out = new ArrayList<>(cookies.size() + 1);
    boolean found = false;
    for (Cookie c : cookies) {
      if (c.name().equals(name)) {
        out.add(c.withValue(newValue));
        found = true;
      } else {
        out.add(c);
      }
    }
    if (!found) {
      out.add(Cookie.of(name, newValue));
    }
    return new CookieSet(Collections.unmodifiableList(out));
  }

  /** Replaces the cookie in the same slot (name, domain, path), or appends it. */
  public CookieSet upsert(Cookie cookie) {
    List<Cookie> out = new ArrayList<>(cookies.size() + 1);
    boolean found = false;
    for (Cookie c : cookies) {
      if (!found && c.sameSlot(cookie)) {
        out.add(cookie);
        found = true;
      } else {
        out.add(c);
      }
    }
    if (!found) {
      out.add(cookie);
    }
    return new CookieSet(Collections.unmodifiableList(out));
  }

  /** The cookies a browser would send to {@code host}, in order. */
  public CookieSet forHost(String host) {
    return filter(c -> c.appliesTo(host));
  }

  public CookieSet filter(Predicate<Cookie> keep) {
    List<Cookie> out = new ArrayList<>();
    for (Cookie c : cookies) {
      if (keep.test(c)) {
        out.add(c);
      }
    }
    return out.size() == cookies.size() ? this : of(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CookieSet && ((CookieSet) o).cookies.equals(cookies);
  }

  @Override
  public int hashCode() {
    return cookies.hashCode();
  }

  @Override
  public String toString() {
    return "CookieSet" + cookies;
  }
}
