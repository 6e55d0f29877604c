package dev.qmcookie.checkup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.qmcookie.selftest.SimulatedQqSite;
import dev.qmcookie.selftest.SimulatedQrLogin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The selftest's steps with the commands faked, so no browser is needed. */
class SelfTestTest {
  static final List<String> QR_STEPS =
      List.of(
          "qq qr login",
          "qq status",
          "qq renew",
          "qq export",
          "wechat qr login",
          "wechat status",
          "wechat renew",
          "wechat export");

  /** Answers each command line as the real command does when it works against the fakes. */
  static SelfTest.Run working(List<String> args) {
    String out =
        switch (args.get(0)) {
          case "login" ->
              "uin " + (args.contains("--qr") ? SimulatedQrLogin.UIN : SimulatedQqSite.UIN);
          case "capture" -> "captured";
          case "renew" -> "renewed via http";
          case "status" -> "{\n  \"state\" : \"fresh\"\n}";
          case "export" -> exportOf(args);
          default -> throw new AssertionError(args);
        };
    return new SelfTest.Run(0, out, "");
  }

  private static String exportOf(List<String> args) {
    if (!args.contains("--out")) {
      return "uin=o0" + SimulatedQrLogin.UIN + "; qqmusic_key=" + SimulatedQqSite.RENEWED_KEY + "1";
    }
    try {
      Files.writeString(
          Path.of(args.get(args.indexOf("--out") + 1)), "#HttpOnly_.qq.com\tTRUE\t/\tqqmusic_key");
      return "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void withoutABrowserTheBrowserStepsAreSkippedAndTheQrStepsRunAndPass() throws Exception {
    List<List<String>> ran = new ArrayList<>();
    List<SelfTest.Step> steps = new ArrayList<>();
    SelfTest selfTest =
        new SelfTest(
            (home, args) -> {
              ran.add(args);
              return working(args);
            },
            List.of("--no-download"),
            false);

    boolean ok = selfTest.run(steps::add);

    assertThat(ok).isTrue();
    List<String> names = new ArrayList<>(SelfTest.BROWSER_STEPS);
    names.addAll(QR_STEPS);
    assertThat(steps).extracting(SelfTest.Step::name).containsExactlyElementsOf(names);
    assertThat(steps.subList(0, 5))
        .extracting(SelfTest.Step::outcome)
        .containsOnly(SelfTest.Outcome.SKIPPED);
    assertThat(steps.subList(5, steps.size()))
        .extracting(SelfTest.Step::outcome)
        .containsOnly(SelfTest.Outcome.OK);
    assertThat(ran).as("no browser command runs").noneMatch(a -> a.contains("--headless"));
    assertThat(ran).hasSize(QR_STEPS.size());
  }

  @Test
  void theQrLoginsRouteEveryQqHostToTheFakesAndEachKeepsToItsOwnAccount() throws Exception {
    List<List<String>> ran = new ArrayList<>();
    SelfTest selfTest =
        new SelfTest(
            (home, args) -> {
              ran.add(args);
              return working(args);
            },
            List.of(),
            false);

    selfTest.run(step -> {});

    List<String> qqLogin = ran.get(0);
    List<String> weChatLogin = ran.get(4);
    assertThat(qqLogin).startsWith("login", "--qr").doesNotContain("--wechat");
    assertThat(weChatLogin).startsWith("login", "--qr", "--wechat");
    for (List<String> login : List.of(qqLogin, weChatLogin)) {
      // Live checks are the real server's business: the simulated login is not checked.
      assertThat(login).contains("--no-check");
      String route = login.get(login.indexOf("--route") + 1);
      // First match wins: the renewal host before the catch-all that reaches the QR fakes.
      assertThat(route)
          .matches(
              "u6\\.y\\.qq\\.com=http://127\\.0\\.0\\.1:\\d+,\\*\\.qq\\.com=http://127\\.0\\.0\\.1:\\d+");
    }
    assertThat(ran.get(2)).startsWith("renew", "--force").contains("--route");
    assertThat(ran.subList(0, 4)).allMatch(a -> a.contains("qr-qq"));
    assertThat(ran.subList(4, 8)).allMatch(a -> a.contains("qr-wechat"));
  }

  @Test
  void withABrowserTheBrowserStepsRunFirstThenTheQrSteps() throws Exception {
    List<SelfTest.Step> steps = new ArrayList<>();
    SelfTest selfTest = new SelfTest((home, args) -> working(args), List.of(), true);

    boolean ok = selfTest.run(steps::add);

    assertThat(ok).isTrue();
    List<String> names = new ArrayList<>(SelfTest.BROWSER_STEPS);
    names.addAll(QR_STEPS);
    assertThat(steps).extracting(SelfTest.Step::name).containsExactlyElementsOf(names);
    assertThat(steps).extracting(SelfTest.Step::outcome).containsOnly(SelfTest.Outcome.OK);
    assertThat(steps.get(0).args()).startsWith("login", "--headless");
  }

  @Test
  void aFailingQrStepEndsTheRunWithoutABrowserToo() throws Exception {
    List<SelfTest.Step> steps = new ArrayList<>();
    SelfTest selfTest =
        new SelfTest(
            (home, args) ->
                args.get(0).equals("renew")
                    ? new SelfTest.Run(3, "", "qmcookie: the login is no longer valid")
                    : working(args),
            List.of(),
            false);

    boolean ok = selfTest.run(steps::add);

    assertThat(ok).isFalse();
    assertThat(steps)
        .extracting(SelfTest.Step::name)
        .endsWith("qq qr login", "qq status", "qq renew")
        .doesNotContain("wechat qr login");
    assertThat(steps.get(steps.size() - 1).outcome()).isEqualTo(SelfTest.Outcome.FAILED);
  }

  @Test
  void theFirstFailingStepEndsTheRunInAPrivateHomeThatIsDeletedAfterwards() throws Exception {
    List<Path> homes = new ArrayList<>();
    List<SelfTest.Step> steps = new ArrayList<>();
    SelfTest selfTest =
        new SelfTest(
            (home, args) -> {
              homes.add(home);
              assertThat(Files.isDirectory(home)).isTrue();
              return new SelfTest.Run(4, "", "qmcookie: no browser");
            },
            List.of("--no-download"));

    boolean ok = selfTest.run(steps::add);

    assertThat(ok).isFalse();
    assertThat(steps).extracting(SelfTest.Step::name).containsExactly("login");
    assertThat(steps.get(0).ok()).isFalse();
    assertThat(steps.get(0).args())
        .startsWith("login", "--headless")
        .contains("--url", "--no-download");
    assertThat(homes.get(0)).doesNotExist();
  }

  @Test
  void aStepWorksOnlyWhenItsCommandSucceedsAndPrintsWhatItShould() throws Exception {
    List<SelfTest.Step> steps = new ArrayList<>();
    SelfTest selfTest =
        new SelfTest(
            (home, args) ->
                new SelfTest.Run(
                    0,
                    args.get(0).equals("login")
                        ? "uin " + dev.qmcookie.selftest.SimulatedQqSite.UIN
                        : "nothing",
                    ""),
            List.of());

    boolean ok = selfTest.run(steps::add);

    assertThat(ok).isFalse();
    assertThat(steps).extracting(SelfTest.Step::name).containsExactly("login", "capture");
    assertThat(steps).extracting(SelfTest.Step::ok).containsExactly(true, false);
  }

  @Test
  void theBrowserOptionsGivenToDoctorArePassedOnAsFlagsAndNoneWhenNoneWereGiven() {
    assertThat(SelfTest.browserFlags(null, null, false)).isEmpty();
    assertThat(SelfTest.browserFlags(Path.of("/opt/chrome"), Path.of("/opt/driver"), true))
        .containsExactly("--browser", "/opt/chrome", "--driver", "/opt/driver", "--no-download");
  }
}
