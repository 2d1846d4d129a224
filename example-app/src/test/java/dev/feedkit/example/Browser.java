package dev.feedkit.example;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium for end-to-end tests: Debian's {@code chromium} and {@code chromedriver},
 * at the paths in {@code FEEDKIT_CHROMIUM} and {@code FEEDKIT_CHROMEDRIVER} or in
 * {@code /usr/bin}. Both paths are given to Selenium, so it never downloads a browser or a
 * driver. Without them the tests are skipped with a message, except under {@code CI=true}, where
 * they fail: CI must always run them.
 */
final class Browser implements AutoCloseable {

  /** Selenium warns that it has no DevTools support for this Chromium; the tests need none. */
  private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

  static {
    SELENIUM_LOG.setLevel(Level.SEVERE);
  }

  final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  static Browser start() {
    File chromium = executable("FEEDKIT_CHROMIUM", "/usr/bin/chromium");
    File chromedriver = executable("FEEDKIT_CHROMEDRIVER", "/usr/bin/chromedriver");
    Path profile;
    try {
      profile = Files.createTempDirectory("feedkit-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--window-size=1280,900",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver)
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return new Browser(driver, profile);
  }

  private static File executable(String variable, String fallback) {
    String path =
        Optional.ofNullable(System.getenv(variable)).filter(s -> !s.isBlank()).orElse(fallback);
    File file = new File(path);
    if (!file.canExecute()) {
      String message =
          "no browser for the end-to-end tests: "
              + path
              + " is missing (install Debian's"
              + " chromium and chromium-driver, or set "
              + variable
              + ")";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError(message + "; CI=true, so this fails instead of skipping");
      }
      Assumptions.abort(message);
    }
    return file;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      } catch (IOException e) {
        // a temporary directory left behind is harmless
      }
    }
  }
}
