package org.crossinterp.strview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The module exports its API package only; the encodings' internals stay hidden. */
class ModuleDescriptorTest {
  @Test
  void exportsOnlyTheApiPackage() {
    Module m = StrView.class.getModule();
    assertTrue(m.isNamed(), "tests run on the module path, in module org.crossinterp.strview");
    ModuleDescriptor d = m.getDescriptor();
    assertEquals("org.crossinterp.strview", d.name());
    Set<String> exports =
        d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    assertEquals(Set.of("org.crossinterp.strview"), exports);
    assertTrue(
        d.requires().stream()
            .anyMatch(
                r -> r.name().equals("org.crossinterp.memchannel")
                    && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)),
        "requires transitive org.crossinterp.memchannel: its types are in StrView's API");
  }
}
