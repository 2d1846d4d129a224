package dev.feedkit.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs the accounts example in README.md at the production hashing cost, so the
 * README's account section cannot rot.
 */
class ReadmeAccountsExampleTest {

  private static final Pattern EXAMPLE =
      Pattern.compile("<!-- accounts-example -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void readmeAccountsExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
    Matcher m = EXAMPLE.matcher(Files.readString(Path.of("..", "README.md")));
    assertThat(m.find()).as("README.md has a java block after <!-- accounts-example -->").isTrue();
    Path file = dir.resolve("LogInExample.java");
    Files.writeString(file, m.group(1));

    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int status = compiler.run(null, null, diagnostics, "-classpath",
        System.getProperty("java.class.path"), "-d", dir.toString(), file.toString());
    assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
      Method main = loader.loadClass("LogInExample").getMethod("main", String[].class);
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(original);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
        "@alice is logged in", "wrong handle or password", "still logged in: false");
  }
}
