package dev.feedkit.example.web;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The reverse proxies whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} headers the app
 * believes: addresses and CIDR ranges given as numbers ({@code 127.0.0.1}, {@code ::1},
 * {@code 10.0.0.0/8}); {@code none} trusts nobody. A request from any other address is taken as
 * it came: its own address is the client, and it is over TLS only if its own connection is.
 * Immutable; thread-safe.
 */
public final class TrustedProxies {

  /** The default: a proxy on the same host. */
  public static final String DEFAULT = "127.0.0.1/8,::1";

  private final List<Range> ranges;
  private final String spec;

  private TrustedProxies(List<Range> ranges, String spec) {
    this.ranges = List.copyOf(ranges);
    this.spec = spec;
  }

  /** A proxy on the same host: loopback addresses. */
  public static TrustedProxies loopback() {
    return parse(DEFAULT);
  }

  /** Nobody: forwarded headers are ignored. */
  public static TrustedProxies none() {
    return new TrustedProxies(List.of(), "none");
  }

  /**
   * Reads a comma-separated list of addresses and ranges, or {@code none}.
   *
   * @throws IllegalArgumentException naming the entry that is not a numeric address or range
   */
  public static TrustedProxies parse(String spec) {
    String s = spec.strip().toLowerCase(Locale.ROOT);
    if (s.equals("none") || s.isEmpty()) {
      return none();
    }
    List<Range> ranges = new ArrayList<>();
    for (String entry : s.split(",")) {
      ranges.add(Range.parse(entry.strip()));
    }
    return new TrustedProxies(ranges, s);
  }

  /** Whether a connection from {@code address} (numeric, as Jetty reports it) is a trusted proxy. */
  boolean trusts(String address) {
    if (address == null || ranges.isEmpty()) {
      return false;
    }
    byte[] bytes = numeric(address);
    if (bytes == null) {
      return false;
    }
    for (Range range : ranges) {
      if (range.contains(bytes)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return spec;
  }

  /** The bytes of a numeric address, or null: never a name look-up. */
  private static byte[] numeric(String address) {
    String a =
        address.startsWith("[") && address.endsWith("]")
            ? address.substring(1, address.length() - 1)
            : address;
    if (!a.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
      return null;
    }
    try {
      return InetAddress.getByName(a).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private record Range(byte[] network, int prefix) {

    static Range parse(String entry) {
      int slash = entry.indexOf('/');
      String address = slash < 0 ? entry : entry.substring(0, slash);
      byte[] bytes = numeric(address);
      if (bytes == null) {
        throw new IllegalArgumentException(
            "a trusted proxy must be a numeric address or range, "
                + "such as 127.0.0.1, ::1 or 10.0.0.0/8, or none; was "
                + entry);
      }
      int bits = bytes.length * 8;
      int prefix = bits;
      if (slash >= 0) {
        String p = entry.substring(slash + 1);
        if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > bits) {
          throw new IllegalArgumentException("the prefix of " + entry + " must be 0 to " + bits);
        }
        prefix = Integer.parseInt(p);
      }
      return new Range(bytes, prefix);
    }

    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      if (prefix == 0) {
        return true;
      }
      int shift = network.length * 8 - prefix;
      return new BigInteger(1, address)
          .shiftRight(shift)
          .equals(new BigInteger(1, network).shiftRight(shift));
    }
  }
}
