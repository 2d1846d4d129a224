package dev.feedkit.contract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A Java program quoted in README.md, compiled against the test's class path so that tests can run
 * it: the README's examples then cannot rot. A program is the {@code ```java} block that follows an
 * HTML comment marker such as {@code <!-- host-example -->}, and declares one public class with a
 * {@code main} method.
 */
public final class ReadmeExample {

  private static final Pattern CLASS_NAME = Pattern.compile("public class (\\w+)");

  private final Path classes;
  private final String className;

  private ReadmeExample(Path classes, String className) {
    this.classes = classes;
    this.className = className;
  }

  /**
   * Finds the program after {@code <!-- marker -->} in the README one directory up (a module's
   * tests run in the module's directory) or in one of the pages under {@code docs/} it links, and
   * compiles it into {@code workDir}.
   *
   * @throws AssertionError if there is no such program or it does not compile
   */
  public static ReadmeExample compile(String marker, Path workDir) throws IOException {
    Pattern program =
        Pattern.compile(
            "<!-- " + Pattern.quote(marker) + " -->\\s*```java\\n(.*?)```", Pattern.DOTALL);
    List<Path> pages = new ArrayList<>();
    pages.add(Path.of("..", "README.md"));
    try (Stream<Path> docs = Files.list(Path.of("..", "docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    String source = null;
    for (Path page : pages) {
      Matcher block = program.matcher(Files.readString(page));
      if (block.find()) {
        source = block.group(1);
        break;
      }
    }
    if (source == null) {
      throw new AssertionError(
          "neither README.md nor docs/ has a java block after <!-- " + marker + " -->");
    }
    Matcher name = CLASS_NAME.matcher(source);
    if (!name.find()) {
      throw new AssertionError("the README example " + marker + " declares no public class");
    }
    Path file = workDir.resolve(name.group(1) + ".java");
    Files.writeString(file, source);
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int status =
        compiler.run(
            null,
            null,
            diagnostics,
            "-classpath",
            System.getProperty("java.class.path"),
            "-d",
            workDir.toString(),
            file.toString());
    if (status != 0) {
      throw new AssertionError(
          "the README example "
              + marker
              + " does not compile:\n"
              + diagnostics.toString(StandardCharsets.UTF_8));
    }
    return new ReadmeExample(workDir, name.group(1));
  }

  /** Runs the program's {@code main} with {@code args} and returns what it printed. */
  public String run(String... args) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, ReadmeExample.class.getClassLoader())) {
      Method main = loader.loadClass(className).getMethod("main", String[].class);
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      main.invoke(null, (Object) args);
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
