package dev.feedkit.jdbc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a test's own, for tests that make the database fail (stop it, start it
 * again): {@code initdb} and {@code pg_ctl} from {@code /usr/lib/postgresql/15/bin} (or
 * {@code FEEDKIT_PG_BIN}) on a free loopback port, its data under {@code target/}, stopped and
 * deleted by {@link #close()}. The shared server on 5432 is never touched. When the tests run as
 * root (which PostgreSQL refuses), the server runs as the {@code postgres} OS user through
 * {@code runuser}.
 *
 * <pre>{@code
 * try (ThrowawayPostgres pg = ThrowawayPostgres.start()) {
 *   String url = pg.jdbcUrl();
 *   pg.stop();   // an outage
 *   pg.restart();
 * }
 * }</pre>
 */
public final class ThrowawayPostgres implements AutoCloseable {

  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean asPostgresUser;

  private ThrowawayPostgres(Path bin, Path dir, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** Whether the PostgreSQL binaries are on this machine. */
  public static boolean available() {
    return Files.isExecutable(binaries().resolve("initdb"));
  }

  private static Path binaries() {
    String configured = System.getenv("FEEDKIT_PG_BIN");
    return Paths.get(configured != null ? configured : "/usr/lib/postgresql/15/bin");
  }

  /**
   * Creates and starts a server.
   *
   * @throws IllegalStateException if the binaries are missing or the server does not start
   */
  public static ThrowawayPostgres start() {
    Path bin = binaries();
    if (!available()) {
      throw new IllegalStateException(
          "no PostgreSQL binaries in " + bin + " (install postgresql, or set FEEDKIT_PG_BIN)");
    }
    Path dir = Paths.get("target", "throwaway-pg-" + UUID.randomUUID()).toAbsolutePath();
    boolean root = "root".equals(System.getProperty("user.name"));
    ThrowawayPostgres pg = new ThrowawayPostgres(bin, dir, freePort(), root);
    try {
      Files.createDirectories(dir);
      if (root) {
        run(List.of("chown", "postgres:", dir.toString()));
      }
      pg.pg(
          List.of(
              bin.resolve("initdb").toString(),
              "-D",
              pg.data(),
              "-U",
              "postgres",
              "-A",
              "trust",
              "-E",
              "UTF8",
              "--no-sync"));
      pg.restart();
      return pg;
    } catch (RuntimeException | IOException e) {
      pg.close();
      throw new IllegalStateException(
          "could not start a throwaway PostgreSQL: " + e.getMessage(), e);
    }
  }

  /** A JDBC URL of the server's {@code postgres} database, as user {@code postgres}. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  /** The server's port. */
  public int port() {
    return port;
  }

  /** Stops the server at once (as a crash would), keeping its data. */
  public void stop() {
    pg(List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "immediate", "-w", "stop"));
  }

  /** Starts the server (again), on the same port and data, and waits until it accepts. */
  public void restart() {
    pg(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            data(),
            "-l",
            dir.resolve("log").toString(),
            "-w",
            "-t",
            "60",
            "-o",
            "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1" + " -c fsync=off",
            "start")); // not synchronous_commit=off: a crash would lose commits
  }

  /** Stops the server if it runs and deletes its data; never throws. */
  @Override
  public void close() {
    try {
      if (Files.exists(dir.resolve("data").resolve("postmaster.pid"))) {
        stop();
      }
    } catch (RuntimeException e) {
      System.err.println(
          "ThrowawayPostgres: could not stop the server in " + dir + ": " + e.getMessage());
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // already gone
    }
  }

  private String data() {
    return dir.resolve("data").toString();
  }

  private void pg(List<String> command) {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    run(full);
  }

  private static void run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + String.join(" ", command));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " failed (" + process.exitValue() + "): " + output.strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
