package dev.qmcookie.checkup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DoctorReportTest {
  @Test
  void onlyTheMachineFailingIsSixAnythingElseFailingIsFiveAndWarningsAreFine() {
    Check machine = new Check(Check.Level.FAIL, "java", "too old", "install Java 17");
    Check home = new Check(Check.Level.FAIL, "home", "others can write it", "chmod 700");
    Check warned = new Check(Check.Level.WARN, "display", "none", "use --headless");

    assertThat(new Doctor.Report(List.of(warned), false).exitStatus()).isZero();
    assertThat(new Doctor.Report(List.of(machine, warned), false).exitStatus()).isEqualTo(6);
    assertThat(new Doctor.Report(List.of(machine, home), false).exitStatus()).isEqualTo(5);
    assertThat(new Doctor.Report(List.of(home), false).exitStatus()).isEqualTo(5);
  }
}
