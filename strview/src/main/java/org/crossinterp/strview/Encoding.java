package org.crossinterp.strview;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** How the bytes under a {@link StrView} encode its text. */
public enum Encoding {
  /** ISO-8859-1: one byte per char; {@code charAt} is O(1). */
  LATIN1(StandardCharsets.ISO_8859_1, "latin-1"),
  /** UTF-16, little-endian, no byte-order mark: two bytes per char; {@code charAt} is O(1). */
  UTF16LE(StandardCharsets.UTF_16LE, "utf-16le"),
  /**
   * UTF-8, validated when wrapped: {@code charAt} is O(1) on ASCII text and amortised O(1)
   * otherwise (a sparse index, built on first need).
   */
  UTF8(StandardCharsets.UTF_8, "utf-8");

  private final Charset charset;
  private final String format;

  Encoding(Charset charset, String format) {
    this.charset = charset;
    this.format = format;
  }

  /**
   * The JDK charset of the same encoding.
   *
   * @return the charset
   */
  public Charset charset() {
    return charset;
  }

  /**
   * The buffer-format name that travels with an exported {@link StrView} (PEP 3118's {@code
   * format} field), e.g. {@code "utf-8"}.
   *
   * @return the format name
   */
  public String format() {
    return format;
  }
}
