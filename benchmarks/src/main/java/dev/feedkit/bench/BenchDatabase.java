package dev.feedkit.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A throwaway PostgreSQL database for one benchmark run, made on a server given by a JDBC URL
 * whose database part is replaced: {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}
 * plus the name {@code feedkit_bench_lag} gives a database of that name on that server. It is
 * dropped (with any connections still on it) by {@link #drop()}.
 */
final class BenchDatabase {

  private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?");

  private final String serverUrl;
  private final String url;
  private final String name;

  private BenchDatabase(String serverUrl, String url, String name) {
    this.serverUrl = serverUrl;
    this.url = url;
    this.name = name;
  }

  /** Creates the database {@code name} (dropping one left by an earlier run) on the URL's server. */
  static BenchDatabase create(String serverUrl, String name) {
    if (!name.matches("feedkit_bench_[a-z0-9_]+")) {
      throw new IllegalArgumentException(
          "benchmark database names start with feedkit_bench_, was " + name);
    }
    Matcher m = URL.matcher(serverUrl);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a jdbc:postgresql://host/db URL: " + serverUrl);
    }
    String url = m.group(1) + name + (m.group(3) == null ? "" : m.group(3));
    BenchDatabase db = new BenchDatabase(serverUrl, url, name);
    db.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    db.execute("CREATE DATABASE " + name);
    return db;
  }

  /** A database that may already exist on the URL's server; nothing is created. */
  static BenchDatabase existing(String serverUrl, String name) {
    Matcher m = URL.matcher(serverUrl);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a jdbc:postgresql://host/db URL: " + serverUrl);
    }
    return new BenchDatabase(
        serverUrl, m.group(1) + name + (m.group(3) == null ? "" : m.group(3)), name);
  }

  /** The JDBC URL of the benchmark database. */
  String url() {
    return url;
  }

  /** Opens a plain connection to the benchmark database. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(url);
  }

  /** Drops the database. */
  void drop() {
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private void execute(String sql) {
    try (Connection c = DriverManager.getConnection(serverUrl);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("could not run " + sql + " on " + serverUrl, e);
    }
  }
}
