package dev.feedkit.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedkit.AccountsConfig;
import dev.feedkit.FanoutPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppOptionsTest {

  @Test
  void defaultsListenOnLoopbackAtSparksPortWithoutDemoData() {
    AppOptions options = AppOptions.parse(new String[0], Map.of());
    assertThat(options.port()).isEqualTo(4567);
    assertThat(options.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(options.demo()).isFalse();
  }

  @Test
  void flagsWinOverTheEnvironment() {
    Map<String, String> env =
        Map.of("FEEDKIT_PORT", "8080", "FEEDKIT_BIND", "0.0.0.0", "FEEDKIT_DEMO", "true");
    AppOptions fromEnv = AppOptions.parse(new String[0], env);
    assertThat(fromEnv.port()).isEqualTo(8080);
    assertThat(fromEnv.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(fromEnv.demo()).isTrue();

    AppOptions flags =
        AppOptions.parse(new String[] {"--port", "9000", "--bind=::1", "--demo=false"}, env);
    assertThat(flags.port()).isEqualTo(9000);
    assertThat(flags.bindAddress()).isEqualTo("::1");
    assertThat(flags.demo()).isFalse();
  }

  @Test
  void aJdbcUrlChoosesPostgreSql() {
    assertThat(AppOptions.parse(new String[0], Map.of()).jdbcUrl()).isEmpty();
    String url = "jdbc:postgresql://127.0.0.1:5432/feedkit";
    assertThat(AppOptions.parse(new String[] {"--jdbc-url", url}, Map.of()).jdbcUrl())
        .hasValue(url);
    assertThat(AppOptions.parse(new String[0], Map.of("FEEDKIT_JDBC_URL", url)).jdbcUrl())
        .hasValue(url);
    assertThatThrownBy(
            () -> AppOptions.parse(new String[] {"--jdbc-url=jdbc:mysql://x/y"}, Map.of()))
        .hasMessageContaining("jdbc:postgresql:");
  }

  @Test
  void theFanoutPolicyIsChosenByName() {
    assertThat(AppOptions.parse(new String[0], Map.of()).fanout()).isEqualTo(FanoutPolicy.hybrid());
    assertThat(AppOptions.parse(new String[] {"--fanout", "pull"}, Map.of()).fanout())
        .isEqualTo(FanoutPolicy.pull());
    assertThat(AppOptions.parse(new String[] {"--fanout=PUSH"}, Map.of()).fanout())
        .isEqualTo(FanoutPolicy.push());
    assertThat(AppOptions.parse(new String[0], Map.of("FEEDKIT_FANOUT", "hybrid:500")).fanout())
        .isEqualTo(FanoutPolicy.hybrid(500));
    assertThatThrownBy(() -> AppOptions.parse(new String[] {"--fanout", "hybrid:0"}, Map.of()))
        .hasMessageContaining("pull, push, hybrid or hybrid:N");
    assertThatThrownBy(() -> AppOptions.parse(new String[] {"--fanout", "sideways"}, Map.of()))
        .hasMessageContaining("sideways");
  }

  @Test
  void eachNodeCanHaveItsOwnWorkerId() {
    assertThat(AppOptions.parse(new String[0], Map.of()).workerId()).isZero();
    assertThat(AppOptions.parse(new String[] {"--worker-id", "7"}, Map.of()).workerId())
        .isEqualTo(7);
    assertThat(AppOptions.parse(new String[0], Map.of("FEEDKIT_WORKER_ID", "3")).workerId())
        .isEqualTo(3);
    assertThatThrownBy(() -> AppOptions.parse(new String[] {"--worker-id", "-1"}, Map.of()))
        .hasMessageContaining("worker id");
  }

  @Test
  void passwordHashingCanBeLoweredForSeedingALoadTest() {
    assertThat(AppOptions.parse(new String[0], Map.of()).passwordHashIterations())
        .isEqualTo(AccountsConfig.DEFAULT_PASSWORD_HASH_ITERATIONS);
    assertThat(
            AppOptions.parse(new String[] {"--password-hash-iterations", "1"}, Map.of())
                .passwordHashIterations())
        .isEqualTo(1);
    assertThat(
            AppOptions.parse(new String[0], Map.of("FEEDKIT_PASSWORD_HASH_ITERATIONS", "10"))
                .passwordHashIterations())
        .isEqualTo(10);
    assertThatThrownBy(
            () -> AppOptions.parse(new String[] {"--password-hash-iterations=0"}, Map.of()))
        .hasMessageContaining("at least 1")
        .hasMessageContaining("was 0");
  }

  @Test
  void mistakesSayWhatIsWrong() {
    assertThatThrownBy(() -> AppOptions.parse(new String[] {"--port", "http"}, Map.of()))
        .hasMessageContaining("port")
        .hasMessageContaining("http");
    assertThatThrownBy(() -> AppOptions.parse(new String[] {"--port", "70000"}, Map.of()))
        .hasMessageContaining("0 to 65535");
    assertThatThrownBy(() -> AppOptions.parse(new String[] {"--bind"}, Map.of()))
        .hasMessageContaining("--bind needs a value");
    assertThatThrownBy(() -> AppOptions.parse(new String[] {"--colour"}, Map.of()))
        .hasMessageContaining("unknown option --colour");
  }

  @Test
  void helpIsAnOption() {
    assertThat(AppOptions.parse(new String[] {"--help"}, Map.of()).help()).isTrue();
    assertThat(AppOptions.USAGE)
        .contains(
            "--port", "--bind", "--jdbc-url", "--fanout", "--worker-id", "--demo", "reverse proxy");
  }
}
