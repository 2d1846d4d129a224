package dev.feedkit.example.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedkit.example.TestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code X-Forwarded-For} and {@code X-Forwarded-Proto} count only from a configured proxy: a
 * client that connects directly cannot claim TLS (and get {@code Secure} cookies and HSTS) or
 * choose its client key.
 */
class ForwardedHeadersTest {

  @Test
  void aClientThatIsNoTrustedProxyCannotClaimTls() {
    try (TestServer app =
        TestServer.start(
            ServerConfig.ephemeral().withTrustedProxies(TrustedProxies.parse("192.0.2.1")))) {
      HttpResponse<String> page = app.get("/signup", "X-Forwarded-Proto", "https");
      assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
      assertThat(page.headers().allValues("Set-Cookie"))
          .isNotEmpty()
          .allSatisfy(cookie -> assertThat(cookie).doesNotContain("Secure"));
      HttpResponse<String> instance = app.get("/api/v1/instance", "X-Forwarded-Proto", "https");
      assertThat(instance.body()).doesNotContain("https://");
    }
  }

  @Test
  void aTrustedProxyIsBelievedAboutTls() {
    try (TestServer app =
        TestServer.start(
            ServerConfig.ephemeral().withTrustedProxies(TrustedProxies.parse("127.0.0.1")))) {
      HttpResponse<String> page = app.get("/signup", "X-Forwarded-Proto", "https");
      assertThat(page.headers().firstValue("Strict-Transport-Security")).isPresent();
      assertThat(page.headers().allValues("Set-Cookie"))
          .anySatisfy(cookie -> assertThat(cookie).contains("Secure"));
    }
  }

  @Test
  void aClientThatIsNoTrustedProxyCannotChooseItsClientKey() {
    try (TestServer app =
        TestServer.start(ServerConfig.ephemeral().withTrustedProxies(TrustedProxies.none()))) {
      // Each guess claims another address; all count against the one real address.
      HttpResponse<String> response = null;
      for (int i = 0; i < 40 && (response == null || response.statusCode() != 429); i++) {
        response =
            app.postForm(
                "/oauth/token",
                Map.of(
                    "grant_type",
                    "password",
                    "username",
                    "nobody_" + i,
                    "password",
                    "wrong password"),
                "X-Forwarded-For",
                "198.51.100." + i);
      }
      assertThat(response.statusCode()).isEqualTo(429);
    }
  }

  @Test
  void trustedProxiesAreNumericAddressesAndRanges() {
    TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, ::1, 192.0.2.7");
    assertThat(proxies.trusts("10.20.30.40")).isTrue();
    assertThat(proxies.trusts("11.0.0.1")).isFalse();
    assertThat(proxies.trusts("0:0:0:0:0:0:0:1")).isTrue();
    assertThat(proxies.trusts("192.0.2.7")).isTrue();
    assertThat(proxies.trusts("192.0.2.8")).isFalse();
    assertThat(proxies.trusts("localhost")).as("never a name look-up").isFalse();
    assertThat(TrustedProxies.loopback().trusts("127.0.0.1")).isTrue();
    assertThat(TrustedProxies.none().trusts("127.0.0.1")).isFalse();
    assertThatThrownBy(() -> TrustedProxies.parse("proxy.example"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("proxy.example");
    assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 to 32");
  }
}
