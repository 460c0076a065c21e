package org.crossinterp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ByteSizeTest {
  private final ByteSize sizes = new ByteSize();

  @Test
  void parsesBinaryUnits() {
    assertEquals(1000L, sizes.convert("1000"));
    assertEquals(512L << 10, sizes.convert("512K"));
    assertEquals(64L << 20, sizes.convert("64M"));
    assertEquals(64L << 20, sizes.convert("64MiB"));
    assertEquals(64L << 20, sizes.convert("64mb"));
    assertEquals(2L << 30, sizes.convert("2g"));
    assertEquals(7L, sizes.convert("7b"));
  }

  @Test
  void refusesWhatIsNotASize() {
    for (String bad : new String[] {"", "M", "-1M", "1.5M", "banana", "1X", "99999999999T"}) {
      CommandLine.TypeConversionException e =
          assertThrows(CommandLine.TypeConversionException.class, () -> sizes.convert(bad), bad);
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
  }

  @Test
  void formatsForPeople() {
    assertEquals("512 B", ByteSize.format(512));
    assertEquals("1.0 KiB", ByteSize.format(1024));
    assertEquals("64.0 MiB", ByteSize.format(64L << 20));
    assertEquals("1.5 GiB", ByteSize.format(3L << 29));
  }
}
