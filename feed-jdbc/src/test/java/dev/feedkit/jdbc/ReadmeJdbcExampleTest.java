package dev.feedkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedkit.jdbc.testing.PostgresDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Compiles the PostgreSQL example of README.md and runs it twice on a real database. */
class ReadmeJdbcExampleTest {

  @RegisterExtension static final PostgresDatabase database = new PostgresDatabase();

  private static final Pattern EXAMPLE =
      Pattern.compile("<!-- jdbc-host-example -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void readmeExampleRunsAndItsPostsSurviveARestart(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("HelloPostgres.java");
    Files.writeString(file, readmeExample());
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int status = compiler.run(null, null, diagnostics, "-classpath",
        System.getProperty("java.class.path"), "-d", dir.toString(), file.toString());
    assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

    assertThat(runMain(dir, database.jdbcUrl()).lines())
        .containsExactly("hello from PostgreSQL");
    assertThat(runMain(dir, database.jdbcUrl()).lines())
        .containsExactly("hello from PostgreSQL", "hello from PostgreSQL");
  }

  private static String readmeExample() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher m = EXAMPLE.matcher(readme);
    assertThat(m.find()).as("README.md has a java block after <!-- jdbc-host-example -->").isTrue();
    return m.group(1);
  }

  private static String runMain(Path classes, String url) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {classes.toUri().toURL()}, ReadmeJdbcExampleTest.class.getClassLoader())) {
      Method main = loader.loadClass("HelloPostgres").getMethod("main", String[].class);
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) new String[] {url});
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
