package org.crossinterp.objchannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The module exports exactly its API package; the sharing machinery stays hidden. */
class ModuleDescriptorTest {

  @Test
  void exportsExactlyTheApiPackage() {
    ModuleDescriptor descriptor = ObjChannel.class.getModule().getDescriptor();
    assertNotNull(descriptor, "tests must run on the module path, as users' modules do");
    assertEquals("org.crossinterp.objchannel", descriptor.name());
    Set<String> exports = new TreeSet<>();
    for (ModuleDescriptor.Exports e : descriptor.exports()) {
      exports.add(e.source() + (e.isQualified() ? " to " + new TreeSet<>(e.targets()) : ""));
    }
    assertEquals(Set.of("org.crossinterp.objchannel"), exports);
    assertEquals(Set.of(), descriptor.opens(), "nothing is open for deep reflection");
  }

  @Test
  void requiresItsLayersAndPassesOnTheApiItUses() {
    Set<String> requires = new TreeSet<>();
    Set<String> transitive = new TreeSet<>();
    for (ModuleDescriptor.Requires r : ObjChannel.class.getModule().getDescriptor().requires()) {
      requires.add(r.name());
      if (r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)) {
        transitive.add(r.name());
      }
    }
    assertEquals(
        Set.of(
            "java.base",
            "org.crossinterp.memchannel",
            "org.crossinterp.strview",
            "org.crossinterp.proxygen",
            "com.github.benmanes.caffeine"),
        requires);
    assertEquals(
        Set.of("org.crossinterp.memchannel", "org.crossinterp.strview"),
        transitive,
        "users of ObjChannel see Interpreter and the channel types without requiring them");
  }
}
