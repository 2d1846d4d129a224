package dev.feedkit.example.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import spark.Request;

/**
 * The parameters of one request, from its query string and, for requests with a body, from an
 * {@code application/x-www-form-urlencoded} or {@code application/json} body, the two encodings
 * Mastodon accepts besides multipart. Parsed here rather than through the servlet API so that both
 * encodings behave the same and a malformed body is a 400 that says what is wrong, never a 500.
 *
 * <p>A name may repeat; {@code name[]} is the same parameter as {@code name}, as in Rails.
 */
public final class Params {

  /** Reads JSON bodies as trees only, so the API's naming conventions do not matter here. */
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, List<String>> values;

  private Params(Map<String, List<String>> values) {
    this.values = values;
  }

  /** The query parameters only. */
  public static Params ofQuery(Request request) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    parseUrlEncoded(request.raw().getQueryString(), values, "query string");
    return new Params(values);
  }

  /**
   * The query parameters and those of the body.
   *
   * @throws HttpError 415 for a body in another encoding, 400 for a malformed body
   */
  public static Params of(Request request) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    parseUrlEncoded(request.raw().getQueryString(), values, "query string");
    byte[] body = request.bodyAsBytes();
    if (body == null || body.length == 0) {
      return new Params(values);
    }
    String type = Optional.ofNullable(request.contentType()).orElse("").toLowerCase(Locale.ROOT);
    if (type.startsWith("application/x-www-form-urlencoded")) {
      parseUrlEncoded(utf8(body, "the body is not valid UTF-8"), values, "form body");
    } else if (type.startsWith("application/json")) {
      parseJson(body, values);
    } else {
      throw HttpError.of(
          415,
          "send the parameters as application/x-www-form-urlencoded or "
              + "application/json"
              + (type.isEmpty()
                  ? "; the request had no Content-Type"
                  : ", not " + type.split(";", 2)[0]));
    }
    return new Params(values);
  }

  /** The first value of a parameter, if present. */
  public Optional<String> first(String name) {
    List<String> list = values.get(name);
    return list == null || list.isEmpty() ? Optional.empty() : Optional.of(list.get(0));
  }

  /** The first value, or an empty string when absent. */
  public String text(String name) {
    return first(name).orElse("");
  }

  /**
   * The first value, which must be present and not blank.
   *
   * @throws HttpError 400 naming the parameter when it is missing, as Mastodon answers
   */
  public String required(String name) {
    return first(name)
        .filter(v -> !v.isBlank())
        .orElseThrow(() -> HttpError.badRequest("the parameter " + name + " is required"));
  }

  /** Every value of a parameter, in order. */
  public List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  /**
   * A positive decimal id.
   *
   * @throws HttpError 400 when present but not a positive integer
   */
  public OptionalLong id(String name) {
    Optional<String> value = first(name).filter(v -> !v.isEmpty());
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(parseId(name, value.get()));
  }

  /**
   * Parses a positive decimal id, the form of every id in URLs and JSON.
   *
   * @throws HttpError 400 naming the parameter when {@code value} is not a positive integer
   */
  public static long parseId(String name, String value) {
    return positiveId(value)
        .orElseThrow(
            () ->
                HttpError.badRequest(
                    name + " must be a positive integer id, was \"" + shorten(value) + "\""));
  }

  /** A positive decimal id, or empty when {@code value} is anything else. */
  public static Optional<Long> positiveId(String value) {
    try {
      long id = Long.parseLong(value);
      return id > 0 ? Optional.of(id) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * A boolean in Mastodon's forms: true, 1, on, yes (and their opposites).
   *
   * @throws HttpError 400 when present but not a boolean
   */
  public boolean flag(String name) {
    Optional<String> value = first(name).map(v -> v.toLowerCase(Locale.ROOT));
    if (value.isEmpty() || value.get().isEmpty()) {
      return false;
    }
    switch (value.get()) {
      case "true":
      case "1":
      case "on":
      case "yes":
      case "t":
        return true;
      case "false":
      case "0":
      case "off":
      case "no":
      case "f":
        return false;
      default:
        throw HttpError.badRequest(
            name + " must be true or false, was \"" + shorten(value.get()) + "\"");
    }
  }

  /**
   * A page size: absent means {@code fallback}, above {@code max} means {@code max}, as Mastodon
   * does.
   *
   * @throws HttpError 400 when present but not a positive integer
   */
  public int limit(int fallback, int max) {
    Optional<String> value = first("limit").filter(v -> !v.isEmpty());
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      int limit = Integer.parseInt(value.get());
      if (limit > 0) {
        return Math.min(limit, max);
      }
    } catch (NumberFormatException e) {
      if (value.get().chars().allMatch(Character::isDigit)) {
        return max;
      }
    }
    throw HttpError.badRequest(
        "limit must be a positive integer, was \"" + shorten(value.get()) + "\"");
  }

  private static void parseUrlEncoded(
      String encoded, Map<String, List<String>> into, String where) {
    if (encoded == null || encoded.isEmpty()) {
      return;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq), where);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), where);
      add(into, name, value);
    }
  }

  /**
   * Percent-decodes {@code s} strictly: a malformed escape, or escapes whose bytes are not UTF-8,
   * are a 400 (the JDK's decoder would put U+FFFD in their place, and store it).
   */
  private static String decode(String s, String where) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
        int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          throw HttpError.badRequest(
              "the "
                  + where
                  + " is not valid URL encoding: \"%\" must be"
                  + " followed by two hexadecimal digits");
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        int cp = s.codePointAt(i);
        bytes.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(cp) - 1;
      }
    }
    return utf8(
        bytes.toByteArray(),
        "the "
            + where
            + " is not valid UTF-8: its percent-escapes do"
            + " not decode to whole characters");
  }

  /** {@code bytes} decoded strictly: bytes that are not UTF-8 are a 400 saying {@code mistake}. */
  private static String utf8(byte[] bytes, String mistake) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw HttpError.badRequest(mistake);
    }
  }

  private static void parseJson(byte[] body, Map<String, List<String>> into) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      // The parser's own message names its classes and quotes the input; say where instead.
      JsonLocation at = e.getLocation();
      throw HttpError.badRequest(
          "the body is not valid JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    } catch (IOException e) {
      throw HttpError.badRequest("the body is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw HttpError.badRequest("the JSON body must be an object of parameters");
    }
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      JsonNode node = field.getValue();
      if (node.isArray()) {
        for (JsonNode element : node) {
          addScalar(into, field.getKey(), element);
        }
      } else {
        addScalar(into, field.getKey(), node);
      }
    }
  }

  private static void addScalar(Map<String, List<String>> into, String name, JsonNode node) {
    if (node.isValueNode() && !node.isNull()) {
      String text = node.asText();
      if (hasLoneSurrogate(text) || hasLoneSurrogate(name)) {
        throw HttpError.badRequest(
            "the JSON body holds a lone surrogate escape (such as"
                + " \\ud800 without its pair), which is no character; send whole characters");
      }
      add(into, name, text);
    }
  }

  /** A string holds a lone surrogate exactly when it cannot be written as UTF-8. */
  private static boolean hasLoneSurrogate(String s) {
    return !StandardCharsets.UTF_8.newEncoder().canEncode(s);
  }

  private static void add(Map<String, List<String>> into, String name, String value) {
    String key = name.endsWith("[]") ? name.substring(0, name.length() - 2) : name;
    into.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
  }

  /** {@code value} cut to 40 characters with control characters replaced, to quote in a message. */
  public static String shorten(String value) {
    String s = value.length() > 40 ? value.substring(0, 40) + "…" : value;
    return s.replaceAll("\\p{Cntrl}", "?");
  }
}
