package org.crossinterp.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void parsesNestedValuesInOrder() {
    Object v =
        Json.parse(
            " {\"a\": [1, -2.5e3, true, false, null], \"b\": {\"c\": \"x\\\"y\\u00e9\\n\"},"
                + " \"d\": []} ");
    Map<?, ?> m = (Map<?, ?>) v;
    assertEquals(List.of("a", "b", "d"), List.copyOf(m.keySet()));
    List<?> a = (List<?>) m.get("a");
    assertEquals(1.0, a.get(0));
    assertEquals(-2500.0, a.get(1));
    assertEquals(Boolean.TRUE, a.get(2));
    assertEquals(Boolean.FALSE, a.get(3));
    assertEquals(null, a.get(4));
    assertEquals("x\"y\u00e9\n", ((Map<?, ?>) m.get("b")).get("c"));
    assertEquals(List.of(), m.get("d"));
  }

  @Test
  void numbersWrittenAsStringsByJmh() {
    assertTrue(Double.isNaN(Json.number("NaN")));
    assertEquals(Double.POSITIVE_INFINITY, Json.number("Infinity"));
    assertEquals(3.5, Json.number(3.5));
    assertTrue(Double.isNaN(Json.number(null)));
    assertTrue(Double.isNaN(Json.number("not a number")));
  }

  @Test
  void syntaxErrorsNameTheOffsetAndTheFix() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1,, }"));
    assertTrue(e.getMessage().contains("offset 8"), e.getMessage());
    assertTrue(e.getMessage().contains("rerun the benchmarks"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Json.parse("[1, 2"));
    assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] x"));
    assertThrows(IllegalArgumentException.class, () -> Json.parse("\"\\q\""));
  }
}
