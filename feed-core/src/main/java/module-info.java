/**
 * feedkit's core: the API a host calls ({@code dev.feedkit}) and the SPI a store implements
 * ({@code dev.feedkit.spi}). The engine ({@code dev.feedkit.internal}) is not exported: nothing
 * outside this module can depend on it.
 */
module dev.feedkit {
  requires com.github.benmanes.caffeine;
  requires org.slf4j;

  exports dev.feedkit;
  exports dev.feedkit.spi;
}
