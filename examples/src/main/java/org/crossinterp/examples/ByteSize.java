package org.crossinterp.examples;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Parses and prints sizes such as {@code 64M}, {@code 512KiB}, {@code 1g} or {@code 1000}
 * (bytes). Units are binary (K = 1024). Used by picocli for the size options; any thread.
 */
final class ByteSize implements CommandLine.ITypeConverter<Long> {
  private static final Pattern SIZE =
      Pattern.compile("(\\d{1,18})\\s*(?:([kmgt])(?:i?b)?|b)?", Pattern.CASE_INSENSITIVE);

  /** A converter; picocli makes one per option. */
  ByteSize() {}

  /**
   * Parses a size.
   *
   * @param value e.g. {@code 64M}
   * @return the number of bytes
   * @throws CommandLine.TypeConversionException (a usage error) if it is not a size
   */
  @Override
  public Long convert(String value) {
    Matcher m = SIZE.matcher(value.strip());
    if (!m.matches()) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a size: give a number of bytes, optionally with K, M or G"
              + " (binary units), e.g. 64M");
    }
    long number = Long.parseLong(m.group(1));
    int shift =
        m.group(2) == null
            ? 0
            : switch (m.group(2).toLowerCase(Locale.ROOT)) {
              case "k" -> 10;
              case "m" -> 20;
              case "g" -> 30;
              default -> 40;
            };
    if (number > Long.MAX_VALUE >> shift) {
      throw new CommandLine.TypeConversionException("'" + value + "' is too large a size");
    }
    return number << shift;
  }

  /**
   * Prints a size for people: {@code 64.0 MiB}, {@code 512 B}.
   *
   * @param bytes the size
   * @return the text
   */
  static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
