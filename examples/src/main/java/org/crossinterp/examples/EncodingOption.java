package org.crossinterp.examples;

import java.util.Locale;
import org.crossinterp.strview.Encoding;
import picocli.CommandLine;

/**
 * Parses {@code --encoding}: {@code utf-8} or {@code latin-1} (also {@code utf8}, {@code
 * latin1}, {@code iso-8859-1}; any case). UTF-16 is refused: words are split at ASCII white
 * space bytes, which UTF-16 text does not have. Used by picocli; any thread.
 */
final class EncodingOption implements CommandLine.ITypeConverter<Encoding> {
  /** A converter; picocli makes one per option. */
  EncodingOption() {}

  /**
   * Parses an encoding name.
   *
   * @param value e.g. {@code utf-8}
   * @return the encoding
   * @throws CommandLine.TypeConversionException (a usage error) for any other name
   */
  @Override
  public Encoding convert(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "utf-8", "utf8" -> Encoding.UTF8;
      case "latin-1", "latin1", "iso-8859-1" -> Encoding.LATIN1;
      default ->
          throw new CommandLine.TypeConversionException(
              "'" + value + "' is not an encoding the demo reads; give utf-8 or latin-1");
    };
  }
}
