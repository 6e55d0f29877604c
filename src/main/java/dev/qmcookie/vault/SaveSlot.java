package dev.qmcookie.vault;

import dev.qmcookie.cookie.CookieRecord;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A save of a renewed cookie, made ready before the renewal request, since the answer retires the
 * old key: {@link PendingSave} in the folder, a fenced compare-and-set in a shared store. Close it
 * in every case.
 */
public interface SaveSlot extends AutoCloseable {
  /**
   * Stores {@code record} as the account's cookie.
   *
   * @throws IOException when it could not be stored; the previous cookie is still the stored one
   */
  void commit(CookieRecord record) throws IOException;

  /**
   * Puts a cookie that {@link #commit} could not store where a person can import it from.
   *
   * @return the file it was written to
   */
  Path recover(CookieRecord record) throws IOException;

  @Override
  void close();
}
