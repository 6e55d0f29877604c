package dev.qmcookie.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The page's files, read from the jar once and kept: only the names listed here are served, so no
 * path a client sends reaches the class path.
 */
public final class PageFiles {
  /** Where the page's files are in the jar. */
  public static final String IN_JAR = "/dev/qmcookie/web/";

  /** The file and its media type. */
  public record File(byte[] bytes, String mediaType) {}

  static final Map<String, String> TYPES =
      Map.of(
          "signin.html", "text/html; charset=utf-8",
          "index.html", "text/html; charset=utf-8",
          "app.css", "text/css; charset=utf-8",
          "app.js", "text/javascript; charset=utf-8");

  private final String folder;
  private final Map<String, File> read = new ConcurrentHashMap<>();

  /**
   * @param folder the resource folder, {@link #IN_JAR} but in tests
   */
  public PageFiles(String folder) {
    this.folder = folder.endsWith("/") ? folder : folder + "/";
  }

  /** The file of that name; empty for a name not listed or missing from the jar. */
  public Optional<File> get(String name) {
    String type = TYPES.get(name);
    if (type == null) {
      return Optional.empty();
    }
    File file = read.computeIfAbsent(name, n -> load(n, type));
    return file.bytes() == null ? Optional.empty() : Optional.of(file);
  }

  private File load(String name, String type) {
    try (InputStream in = PageFiles.class.getResourceAsStream(folder + name)) {
      return new File(in == null ? null : in.readAllBytes(), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
