package dev.qmcookie.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InvalidInputExceptionTest {
  @Test
  void theMessageListsTheFirstTenProblemsAndCountsTheRest() {
    List<String> problems = IntStream.rangeClosed(1, 5000).mapToObj(i -> "problem " + i).toList();

    InvalidInputException e = new InvalidInputException("the input is malformed", problems);

    assertThat(e.getMessage())
        .startsWith("the input is malformed: problem 1; problem 2;")
        .contains("problem 10; and 4990 more")
        .doesNotContain("problem 11");
    assertThat(e.problems()).hasSize(5000);
  }
}
