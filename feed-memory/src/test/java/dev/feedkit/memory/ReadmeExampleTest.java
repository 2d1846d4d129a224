package dev.feedkit.memory;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs the host-application example in README.md, so the README cannot rot. */
class ReadmeExampleTest {

  private static final Pattern EXAMPLE =
      Pattern.compile("<!-- host-example -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void readmeHostExampleCompilesAndRuns(@TempDir Path dir) throws Exception {
    String source = readmeExample();
    Path file = dir.resolve("HelloFeed.java");
    Files.writeString(file, source);

    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int status = compiler.run(null, null, diagnostics, "-classpath",
        System.getProperty("java.class.path"), "-d", dir.toString(), file.toString());
    assertThat(status).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();

    String output = runMain(dir);
    assertThat(output.lines().toList())
        .containsExactly("@alice: hello from alice", "@bob: hello from bob");
  }

  private static String readmeExample() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher m = EXAMPLE.matcher(readme);
    assertThat(m.find()).as("README.md has a java block after <!-- host-example -->").isTrue();
    return m.group(1);
  }

  private static String runMain(Path classes) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {classes.toUri().toURL()}, ReadmeExampleTest.class.getClassLoader())) {
      Method main = loader.loadClass("HelloFeed").getMethod("main", String[].class);
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

}
