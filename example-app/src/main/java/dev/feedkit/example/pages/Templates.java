package dev.feedkit.example.pages;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The page templates: Pebble, from {@code templates/*.peb} on the class path, compiled once and
 * cached. Pebble escapes every printed value for HTML unless a template says otherwise (none
 * does), and fails on an unknown variable instead of printing nothing, so a typo in a template is
 * a test failure rather than a blank.
 *
 * <p>Thread-safe: Pebble's engine and compiled templates are.
 */
final class Templates {

  private final PebbleEngine engine;

  Templates() {
    ClasspathLoader loader = new ClasspathLoader(Templates.class.getClassLoader());
    loader.setPrefix("templates");
    loader.setSuffix(".peb");
    this.engine =
        new PebbleEngine.Builder()
            .loader(loader)
            .autoEscaping(true)
            .defaultEscapingStrategy("html")
            .strictVariables(true)
            .cacheActive(true)
            .build();
  }

  String render(String name, Map<String, Object> model) {
    StringWriter out = new StringWriter(4096);
    try {
      engine.getTemplate(name).evaluate(out, model);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
