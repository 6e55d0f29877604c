package dev.qmcookie.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.NoSuchSessionException;
import org.openqa.selenium.WebDriver;

class LoginPageTest {
  // Every call fails as chromedriver answers once the browser is gone.
  private static final WebDriver GONE =
      (WebDriver)
          Proxy.newProxyInstance(
              WebDriver.class.getClassLoader(),
              new Class<?>[] {WebDriver.class},
              (proxy, method, args) -> {
                throw new NoSuchSessionException("invalid session id");
              });

  @Test
  void aBrowserThatWentAwayFindsNoDialogInsteadOfThrowing() {
    LoginPage page = new LoginPage(GONE);

    assertThat(page.openLoginDialog()).isFalse();
    assertThat(page.qrCodePicture()).isEmpty();
    assertThat(page.refreshExpiredQrCode()).isFalse();
  }
}
