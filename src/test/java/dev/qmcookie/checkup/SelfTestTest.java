package dev.qmcookie.checkup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The selftest's steps with the commands faked, so no browser is needed. */
class SelfTestTest {
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
