package dev.feedkit.example.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import spark.Service;

/**
 * The style sheet, the script and the default images, read from {@code static/} on the class
 * path once at start-up and served from memory. A fixed list rather than a directory, so that no
 * request path can reach any other file.
 */
final class StaticAssets {

  private static final Map<String, String> TYPES =
      Map.of(
          "style.css", "text/css; charset=utf-8",
          "app.js", "text/javascript; charset=utf-8",
          "avatar.png", "image/png",
          "header.png", "image/png",
          "favicon.svg", "image/svg+xml");

  private StaticAssets() {}

  static void register(Service http) {
    for (Map.Entry<String, String> asset : TYPES.entrySet()) {
      byte[] bytes = read("static/" + asset.getKey());
      String type = asset.getValue();
      http.get(
          "/static/" + asset.getKey(),
          (req, res) -> {
            res.type(type);
            res.raw().setHeader("Cache-Control", "public, max-age=3600");
            res.raw().getOutputStream().write(bytes);
            return "";
          });
    }
  }

  private static byte[] read(String resource) {
    try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
