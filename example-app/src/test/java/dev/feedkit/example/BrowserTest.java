package dev.feedkit.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.example.pages.Pages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * End to end in a real headless Chromium: sign-up, follow, post, home timeline, escaping and
 * log-out, through the pages as a person uses them. One browser for the class; each test starts
 * logged out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserTest {

  private TestServer app;
  private Browser browser;
  private ChromeDriver driver;

  @BeforeAll
  void start() {
    browser = Browser.start();
    driver = browser.driver;
    app = TestServer.start();
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.close();
    }
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void loggedOut() {
    open("/");
    driver.manage().deleteAllCookies();
  }

  private void open(String path) {
    driver.get(app.uri(path).toString());
  }

  private WebDriverWait waiting() {
    return new WebDriverWait(driver, Duration.ofSeconds(10));
  }

  private void signUp(String handle, String name) {
    open("/signup");
    driver.findElement(By.id("handle")).sendKeys(handle);
    driver.findElement(By.id("display_name")).sendKeys(name);
    driver.findElement(By.id("password")).sendKeys(TestServer.PASSWORD);
    driver.findElement(By.id("signup-button")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("compose")));
  }

  private void logIn(String handle) {
    open("/login");
    driver.findElement(By.id("handle")).sendKeys(handle);
    driver.findElement(By.id("password")).sendKeys(TestServer.PASSWORD);
    driver.findElement(By.id("login-button")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("compose")));
  }

  private void logOut() {
    driver.findElement(By.id("logout")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.linkText("Log in")));
  }

  private void post(String text) {
    WebElement box = driver.findElement(By.id("text"));
    box.sendKeys(text);
    driver.findElement(By.id("post-button")).click();
    waiting()
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".posts"), text.length() > 20 ? text.substring(0, 20) : text));
  }

  private List<WebElement> posts() {
    return driver.findElements(By.cssSelector(".posts .post"));
  }

  @Test
  void aFollowerSeesTheNewPostOnTopOfTheirHomeTimeline() {
    String writer = TestServer.newHandle("writer");
    String reader = TestServer.newHandle("reader");
    signUp(writer, "Wendy Writer");
    post("an older post from before");
    logOut();

    signUp(reader, "Rita Reader");
    post("my own first post");
    open("/users/" + writer);
    driver.findElement(By.id("follow-button")).click();
    waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("unfollow-button")));
    logOut();

    logIn(writer);
    post("fresh news from the writer");
    logOut();
    app.feed.awaitFanout();

    logIn(reader);
    List<WebElement> home = posts();
    assertThat(home).hasSize(3);
    assertThat(home.get(0).findElement(By.cssSelector(".text")).getText())
        .isEqualTo("fresh news from the writer");
    assertThat(home.get(0).findElement(By.cssSelector(".name")).getText())
        .isEqualTo("Wendy Writer");
    assertThat(home.get(1).getText()).contains("my own first post");
    assertThat(home.get(2).getText()).contains("an older post from before");
  }

  @Test
  void aPostWithAScriptShowsAsTextAndRunsNothing() {
    signUp(TestServer.newHandle("mallory"), "Mallory");
    String attack =
        "<script>window.pwned = true; document.title = 'pwned'</script>"
            + "<img src=x onerror=\"window.pwned = true\">";
    post(attack);

    open("/");
    assertThat(posts().get(0).findElement(By.cssSelector(".text")).getText()).isEqualTo(attack);
    assertThat(driver.findElements(By.cssSelector(".posts img"))).isEmpty();
    assertThat(driver.executeScript("return window.pwned === undefined")).isEqualTo(true);
    assertThat(driver.getTitle()).doesNotContain("pwned");
  }

  @Test
  void theCounterCountsDownAsYouType() {
    signUp(TestServer.newHandle("typist"), "Typist");
    WebElement counter = driver.findElement(By.id("counter"));
    assertThat(counter.getText()).isEqualTo("280 characters left");
    driver.findElement(By.id("text")).sendKeys("héllo 🍓");
    assertThat(counter.getText()).isEqualTo("273 characters left");
    driver.findElement(By.id("text")).sendKeys("x".repeat(280));
    assertThat(counter.getText()).isEqualTo("7 characters too many");
    assertThat(driver.findElement(By.id("post-button")).isEnabled()).isFalse();
  }

  @Test
  void loggingOutEndsTheSession() {
    String handle = TestServer.newHandle("leaver");
    signUp(handle, "Leaver");
    String token = driver.manage().getCookieNamed(Pages.SESSION_COOKIE).getValue();
    assertThat(driver.manage().getCookieNamed(Pages.SESSION_COOKIE).isHttpOnly()).isTrue();

    logOut();
    assertThat(driver.manage().getCookieNamed(Pages.SESSION_COOKIE)).isNull();
    assertThat(app.feed.accounts().authenticate(token)).isEmpty();
    open("/");
    assertThat(driver.findElements(By.id("compose"))).isEmpty();
    assertThat(driver.getPageSource()).contains("Create an account");

    driver.manage().addCookie(new org.openqa.selenium.Cookie(Pages.SESSION_COOKIE, token));
    open("/");
    assertThat(driver.findElements(By.id("compose")))
        .as("the old token no longer logs in")
        .isEmpty();
  }

  /**
   * Takes the screenshot of a realistic home page for the README:
   * {@code -Dfeedkit.screenshot=../docs/home.png} (relative to example-app).
   */
  @Test
  @EnabledIfSystemProperty(named = "feedkit.screenshot", matches = ".+")
  void screenshotOfTheDemoHomePage() throws Exception {
    try (ExampleApp demo = ExampleApp.start(AppOptions.memory(0, true))) {
      driver.get(demo.server().uri().resolve("/login").toString());
      driver.findElement(By.id("handle")).sendKeys(DemoData.DEMO_LOGIN.handle());
      driver.findElement(By.id("password")).sendKeys(DemoData.DEMO_LOGIN.password());
      driver.findElement(By.id("login-button")).click();
      waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("compose")));
      driver
          .findElement(By.id("text"))
          .sendKeys("Trying out feedkit: fast home timelines, any size of graph.");
      Path target = Path.of(System.getProperty("feedkit.screenshot"));
      Files.createDirectories(target.toAbsolutePath().getParent());
      Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
      System.out.println("screenshot written to " + target.toAbsolutePath());
    }
  }
}
