package dev.qmcookie.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.browser.BrowserSession;
import dev.qmcookie.browser.InstalledProgram;
import dev.qmcookie.browser.LaunchSpec;
import dev.qmcookie.vault.RunningUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

/**
 * What only a browser can show of the page: its script run under the daemon's CSP against a fake of
 * the /ui/ router, so the table, the refresh in place, the chart, the buttons' requests and the QR
 * panel work before (and apart from) the real server. The end-to-end test with the daemon and the
 * simulated QR site is web's other browser test.
 */
class PageBehaviourTest {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  @TempDir static Path profile;
  static BrowserSession browser;
  static WebDriver page;

  FakeUiRouter ui;
  Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @BeforeAll
  static void startBrowser() {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
    if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("CI=true needs the browser tests, but there is no " + CHROMIUM);
    }
    Assumptions.assumeTrue(installed, "no " + CHROMIUM + ": apt-get install chromium-driver");
    browser =
        BrowserSession.launch(
            new LaunchSpec(
                new InstalledProgram(CHROMIUM, "Chromium", "test"),
                new InstalledProgram(DRIVER, "ChromeDriver", "test"),
                profile,
                true,
                List.of("--window-size=1280,900"),
                RunningUser.isRoot()));
    page = browser.driver();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void startRouter() throws Exception {
    ui = new FakeUiRouter();
    page.manage().window().setSize(new Dimension(1280, 900));
  }

  @AfterEach
  void stopRouter() {
    ui.close();
  }

  String at(Duration fromNow) {
    return "\"" + now.plus(fromNow) + "\"";
  }

  String account(String name, String state, String severity, boolean canLogIn) {
    return """
        {"name":"%s","uin":"12****78","login":"qq","state":"%s","severity":"%s",
         "reason":"reason of %s","keyCreatedAt":%s,"keyAge":"3h 0m","expiresAt":%s,
         "nextRenewal":%s,"lastAttempt":{"at":%s,"outcome":"renewed","message":"renewed"},
         "lastCheck":{"at":%s,"result":"valid","code":0},"canLogIn":%s}"""
        .formatted(
            name,
            state,
            severity,
            state,
            at(Duration.ofHours(-3)),
            at(Duration.ofMinutes(20 * 60 + 30)),
            // half a minute more, so that the seconds the page takes do not make it 2h 4m
            at(Duration.ofSeconds(125 * 60 + 30)),
            at(Duration.ofHours(-3)),
            at(Duration.ofMinutes(-5)),
            canLogIn);
  }

  void accounts(String... accounts) {
    ui.json.put(
        "accounts",
        "200 {\"generatedAt\":"
            + at(Duration.ZERO)
            + ",\"accounts\":["
            + String.join(",", accounts)
            + "]}");
  }

  void login(String flow, String state, int qrVersion) {
    ui.json.put(
        "logins/" + flow,
        "200 {\"flow\":\"%s\",\"account\":\"b\",\"kind\":\"wechat\",\"state\":\"%s\",\"message\":\"\",\"qrVersion\":%d}"
            .formatted(flow, state, qrVersion));
  }

  // A page that polls answers a step later: wait for it, up to twice its refresh time.
  <T> T waitFor(Function<WebDriver, T> condition) {
    return waitFor(20, condition);
  }

  <T> T waitFor(int seconds, Function<WebDriver, T> condition) {
    Instant end = Instant.now().plusSeconds(seconds);
    WebDriverException last = null;
    while (Instant.now().isBefore(end)) {
      try {
        T value = condition.apply(page);
        if (value != null && !Boolean.FALSE.equals(value)) {
          return value;
        }
      } catch (WebDriverException notYet) {
        last = notYet;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    throw new AssertionError("the page did not get there in " + seconds + " s", last);
  }

  WebElement row(String name) {
    return page.findElement(By.id("account-" + name));
  }

  String stateOf(String name) {
    return row(name).findElement(By.cssSelector(".state")).getText();
  }

  Object script(String js) {
    return ((JavascriptExecutor) page).executeScript(js);
  }

  @Test
  void theTableFollowsTheDaemonInPlaceAndSaysWhenTheSessionEnded() {
    accounts(account("a", "fresh", "ok", false), account("b", "needs-login", "bad", true));
    ui.json.put(
        "accounts/a/history",
        ("200 {\"keyCreatedAt\":%s,\"from\":%s,\"to\":%s,\"attempts\":["
                + "{\"at\":%s,\"outcome\":\"renewed\",\"via\":\"http\"},"
                + "{\"at\":%s,\"outcome\":\"transient\",\"via\":\"http\"},"
                + "{\"at\":%s,\"outcome\":\"renewed\",\"via\":\"http\"}]}")
            .formatted(
                at(Duration.ofHours(-3)),
                at(Duration.ofDays(-7)),
                at(Duration.ZERO),
                at(Duration.ofHours(-50)),
                at(Duration.ofHours(-20)),
                at(Duration.ofHours(-3))));
    ui.json.put("POST accounts/a/renew", "202 {\"queued\":true}");

    page.get(ui.url("/ui/#account-b"));

    waitFor(d -> stateOf("b").equals("needs-login"));
    assertThat(stateOf("a")).isEqualTo("fresh");
    assertThat(row("a").findElement(By.cssSelector(".state")).getAttribute("class"))
        .contains("sev-ok");
    assertThat(row("b").getAttribute("class"))
        .as("an alert's link marks its row")
        .contains("highlight");
    WebElement next = row("a").findElement(By.cssSelector("td[data-label='Next renewal'] time"));
    assertThat(next.getText()).isEqualTo("in 2h 5m");
    assertThat(next.getAttribute("title")).as("the absolute time").isNotBlank();
    assertThat(row("a").getText()).contains("5m ago", "expires in 20h", "3h 0m old");
    assertThat(row("a").findElement(By.cssSelector(".login-again")).isDisplayed()).isFalse();
    assertThat(row("b").findElement(By.cssSelector("button.login-qq")).isDisplayed()).isTrue();
    script("window.notReloaded = true");

    row("a").findElement(By.cssSelector("button.history-toggle")).click();
    WebElement chart = waitFor(d -> d.findElement(By.cssSelector("#account-a + tr svg.chart")));
    assertThat(chart.findElements(By.cssSelector("circle.failed"))).hasSize(1);
    assertThat(chart.findElements(By.cssSelector("circle.renewed"))).hasSize(2);
    // The key is known from the first renewal on: up, down to 0 at the second, up to now.
    assertThat(chart.findElement(By.cssSelector("path.age")).getAttribute("d").split("L"))
        .hasSize(4);

    accounts(account("a", "due", "warn", false), account("b", "needs-login", "bad", true));
    row("a").findElement(By.cssSelector("button.renew-now")).click();

    // Sooner than the next timed refresh: an action's answer shows at once.
    waitFor(5, d -> stateOf("a").equals("due"));
    assertThat(ui.posts).hasSize(1);
    FakeUiRouter.Post renew = ui.posts.get(0);
    assertThat(renew.path()).isEqualTo("/ui/api/accounts/a/renew");
    assertThat(renew.csrf()).isEqualTo(FakeUiRouter.CSRF);
    assertThat(renew.origin()).isEqualTo(ui.url(""));
    assertThat(page.findElement(By.cssSelector("#account-a + tr.history")).isDisplayed())
        .as("the open chart stays open")
        .isTrue();
    assertThat(script("return window.notReloaded")).as("no reload").isEqualTo(true);

    // No button now: only the page's own refresh, every 10 s, can find the session gone.
    ui.signedOut.set(true);
    WebElement banner =
        waitFor(
            d ->
                d.findElement(By.id("banner")).isDisplayed()
                    ? d.findElement(By.id("banner"))
                    : null);
    assertThat(banner.getText()).contains("session has ended");
    assertThat(banner.findElement(By.linkText("Sign in again")).getAttribute("href"))
        .isEqualTo(ui.url("/ui/"));
  }

  @Test
  void aLoginShowsEachCodeAndItsStateAndEndsOnTheFreshRow() {
    accounts(account("b", "needs-login", "bad", true));
    ui.json.put("POST accounts/b/login", "201 {\"flow\":\"f1\"}");
    login("f1", "waiting", 1);
    page.get(ui.url("/ui/"));

    waitFor(d -> row("b").findElement(By.cssSelector("button.login-wechat"))).click();

    WebElement qr = page.findElement(By.id("qr-image"));
    WebElement state = page.findElement(By.id("login-state"));
    waitFor(d -> qr.isDisplayed() && imageWidth() == 21);
    assertThat(state.getAttribute("data-state")).isEqualTo("waiting");
    assertThat(state.getText()).isEqualTo("scan the code with the WeChat app");
    FakeUiRouter.Post start = ui.posts.get(0);
    assertThat(start.path()).isEqualTo("/ui/api/accounts/b/login");
    assertThat(start.body()).isEqualTo("{\"kind\":\"wechat\"}");
    assertThat(start.contentType()).isEqualTo("application/json");
    assertThat(start.csrf()).isEqualTo(FakeUiRouter.CSRF);

    login("f1", "expired", 2);
    waitFor(d -> imageWidth() == 22);
    assertThat(state.getText()).isEqualTo("the code expired; a new one is shown");

    login("f1", "scanned", 2);
    waitFor(d -> state.getAttribute("data-state").equals("scanned"));
    assertThat(state.getText()).isEqualTo("scanned: confirm on your phone");

    accounts(account("b", "fresh", "ok", false));
    login("f1", "done", 2);
    waitFor(d -> state.getAttribute("data-state").equals("done"));
    assertThat(state.getText()).isEqualTo("logged in; the account is fresh");
    waitFor(d -> stateOf("b").equals("fresh"));
    waitFor(d -> !d.findElement(By.id("login-panel")).isDisplayed());
    assertThat(row("b").findElement(By.cssSelector(".login-again")).isDisplayed()).isFalse();
  }

  long imageWidth() {
    return (Long) script("return document.getElementById('qr-image').naturalWidth");
  }

  @Test
  void addingAnAccountWhoseLoginRunsAlreadyFollowsThatLogin() {
    accounts();
    ui.json.put("POST accounts/new.one/login", "409 {\"error\":\"a login runs\",\"flow\":\"f9\"}");
    login("f9", "scanned", 1);
    page.get(ui.url("/ui/"));
    waitFor(d -> d.findElement(By.id("empty")).isDisplayed());

    page.findElement(By.id("new-name")).sendKeys("new.one");
    page.findElement(By.cssSelector("#add-account button.add-wechat")).click();

    WebElement state = page.findElement(By.id("login-state"));
    waitFor(d -> state.getAttribute("data-state").equals("scanned"));
    assertThat(ui.posts.get(0).body()).isEqualTo("{\"kind\":\"wechat\"}");
    assertThat(page.findElement(By.id("login-title")).getText())
        .isEqualTo("Log in new.one with WeChat");
  }

  @Test
  void atPhoneWidthEachRowIsACardWithLargeButtons() throws Exception {
    accounts(account("a", "fresh", "ok", false), account("b", "needs-login", "bad", true));
    page.get(ui.url("/ui/"));
    waitFor(d -> stateOf("b").equals("needs-login"));
    Files.write(Path.of("target/ui-page-desktop.png"), browser.screenshot());

    page.manage().window().setSize(new Dimension(360, 800));

    assertThat(page.findElement(By.cssSelector("#accounts thead")).isDisplayed()).isFalse();
    assertThat(row("a").findElement(By.cssSelector("td")).getCssValue("display"))
        .isEqualTo("block");
    assertThat(script("return document.documentElement.scrollWidth <= innerWidth"))
        .as("nothing wider than the phone")
        .isEqualTo(true);
    for (WebElement button : page.findElements(By.cssSelector("#account-b button"))) {
      assertThat(button.getSize().getHeight()).as(button.getText()).isGreaterThanOrEqualTo(40);
    }
    Files.write(Path.of("target/ui-page-phone.png"), browser.screenshot());
  }

  @Test
  void signingInFromAnAlertLinkKeepsItsAccount() {
    accounts(account("a", "fresh", "ok", false), account("b", "needs-login", "bad", true));
    ui.hasSession.set(false);
    page.get(ui.url("/ui/#account-b"));

    signIn(FakeUiRouter.TOKEN);

    waitFor(d -> stateOf("b").equals("needs-login"));
    assertThat(page.getCurrentUrl()).endsWith("#account-b");
    waitFor(d -> row("b").getAttribute("class").contains("highlight"));
  }

  @Test
  void anAlertLinkFromWebmailWithoutTheCookieOpensThePageStill() {
    accounts(account("a", "fresh", "ok", false), account("b", "needs-login", "bad", true));
    ui.loadsWithoutCookie.set(1);

    page.get(ui.url("/ui/#account-b"));

    waitFor(d -> row("b").getAttribute("class").contains("highlight"));
    assertThat(page.getCurrentUrl()).endsWith("#account-b");
    assertThat(ui.posts).as("no sign-in was needed").isEmpty();
  }

  @Test
  void aMangledLinkMarksNoRowAndTheTableStillFills() {
    accounts(account("a", "fresh", "ok", false));

    page.get(ui.url("/ui/#account-%E0%A4%A"));

    waitFor(d -> stateOf("a").equals("fresh"));
    assertThat(page.findElement(By.id("banner")).isDisplayed()).isFalse();
  }

  @Test
  void signingInPostsTheTokenFromThePageAndSaysWhyItFailed() {
    accounts(account("a", "fresh", "ok", false));
    ui.hasSession.set(false);
    page.get(ui.url("/ui/"));
    WebElement note = page.findElement(By.id("signin-failed"));
    assertThat(note.isDisplayed()).isFalse();
    assertThat(page.findElement(By.id("token")).getCssValue("min-height"))
        .as("the page's styles loaded")
        .isEqualTo("40px");

    signIn("wrong");
    waitFor(d -> d.getCurrentUrl().endsWith("/ui/?failed=1"));
    waitFor(d -> d.findElement(By.id("signin-failed")).isDisplayed());
    assertThat(page.findElement(By.id("signin-failed")).getText()).contains("not accepted");

    ui.signInLimited.set(true);
    signIn("wrong again");
    waitFor(d -> d.findElement(By.id("signin-failed")).getText().contains("wait 42 s"));

    ui.signInLimited.set(false);
    signIn(FakeUiRouter.TOKEN);
    waitFor(d -> stateOf("a").equals("fresh"));
    assertThat(page.getCurrentUrl()).isEqualTo(ui.url("/ui/"));
    FakeUiRouter.Post last = ui.posts.get(ui.posts.size() - 1);
    assertThat(last.path()).isEqualTo("/ui/signin");
    assertThat(last.body()).isEqualTo("token=" + FakeUiRouter.TOKEN);
    assertThat(last.contentType()).startsWith("application/x-www-form-urlencoded");
    assertThat(last.origin()).as("the daemon refuses a null Origin").isEqualTo(ui.url(""));
  }

  void signIn(String token) {
    WebElement field = page.findElement(By.id("token"));
    field.clear();
    field.sendKeys(token);
    page.findElement(By.cssSelector("form button[type=submit]")).click();
  }
}
