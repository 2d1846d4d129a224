package dev.feedkit.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Prints the PostgreSQL server's version, for the result files: {@code ServerVersion URL}. */
public final class ServerVersion {

  private ServerVersion() {}

  /**
   * Prints the version.
   *
   * @param args the server's JDBC URL
   */
  public static void main(String[] args) throws SQLException {
    try (Connection c = DriverManager.getConnection(args[0])) {
      System.out.println(c.getMetaData().getDatabaseProductVersion());
    }
  }
}
