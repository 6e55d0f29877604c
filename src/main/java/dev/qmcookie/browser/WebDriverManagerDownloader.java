package dev.qmcookie.browser;

import io.github.bonigarcia.wdm.WebDriverManager;
import java.nio.file.Path;

/**
 * Downloads chromedriver with WebDriverManager into {@code drivers/}. Only the last resort: it
 * cannot find Debian's chromium by itself and may block for minutes behind a silent proxy, so the
 * caller runs it under a hard time limit.
 */
public final class WebDriverManagerDownloader implements DriverDownloader {
  @Override
  public Path download(int browserMajor, Path into) {
    WebDriverManager wdm =
        WebDriverManager.chromedriver()
            .browserVersion(Integer.toString(browserMajor))
            .cachePath(into.toAbsolutePath().toString())
            .avoidBrowserDetection()
            .avoidShutdownHook()
            .avoidTmpFolder()
            .timeout(10);
    wdm.setup();
    return Path.of(wdm.getDownloadedDriverPath());
  }
}
