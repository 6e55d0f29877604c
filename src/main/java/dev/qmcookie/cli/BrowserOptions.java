package dev.qmcookie.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of every command that starts a browser. */
final class BrowserOptions {
  static final String BROWSER_ENV = "QMCOOKIE_BROWSER";
  static final String DRIVER_ENV = "QMCOOKIE_DRIVER";
  static final String DEFAULT_URL = "https://y.qq.com/";

  @Option(
      names = "--browser",
      paramLabel = "PATH",
      description =
          "Chrome or Chromium to use (default: $QMCOOKIE_BROWSER, else google-chrome,"
              + " chromium or chromium-browser on PATH).")
  Path browser;

  @Option(
      names = "--driver",
      paramLabel = "PATH",
      description =
          "chromedriver to use (default: $QMCOOKIE_DRIVER, else a matching one in drivers/,"
              + " else chromedriver on PATH, else a download into drivers/).")
  Path driver;

  @Option(
      names = "--browser-arg",
      paramLabel = "ARG",
      description =
          "Extra Chrome switch, repeatable, e.g. --browser-arg=--proxy-server=http://proxy:8080.")
  List<String> browserArgs = new ArrayList<>();

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "Start page (default: " + DEFAULT_URL + ").")
  String url = DEFAULT_URL;

  @Option(
      names = "--no-download",
      description = "Never download a chromedriver, even when none is installed.")
  boolean noDownload;

  /** The same choices, never downloading: doctor looks, and the user decides about downloads. */
  BrowserOptions withoutDownloads() {
    BrowserOptions o = new BrowserOptions();
    o.browser = browser;
    o.driver = driver;
    o.browserArgs = browserArgs;
    o.url = url;
    o.noDownload = true;
    return o;
  }
}
