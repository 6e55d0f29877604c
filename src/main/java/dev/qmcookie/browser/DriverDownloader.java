package dev.qmcookie.browser;

import java.nio.file.Path;

/** Fetches a chromedriver for a browser major version when none is installed. */
@FunctionalInterface
public interface DriverDownloader {
  /**
   * @return the downloaded driver executable
   * @throws Exception on any failure; the caller bounds the time it may take
   */
  Path download(int browserMajor, Path into) throws Exception;

  /** For machines that must never download: always fails at once. */
  DriverDownloader NONE =
      (major, into) -> {
        throw new UnsupportedOperationException("downloads are turned off");
      };
}
