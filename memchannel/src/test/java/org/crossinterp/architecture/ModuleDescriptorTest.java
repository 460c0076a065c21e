package org.crossinterp.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.TreeSet;
import org.crossinterp.Interpreter;
import org.junit.jupiter.api.Test;

/** The module exports exactly its API packages; implementation stays hidden. */
class ModuleDescriptorTest {

  @Test
  void exportsExactlyTheApiPackages() {
    Module module = Interpreter.class.getModule();
    ModuleDescriptor descriptor = module.getDescriptor();
    assertNotNull(descriptor, "tests must run on the module path, as users' modules do");
    assertEquals("org.crossinterp.memchannel", descriptor.name());

    Set<String> exports = new TreeSet<>();
    for (ModuleDescriptor.Exports e : descriptor.exports()) {
      exports.add(e.source() + (e.isQualified() ? " to " + new TreeSet<>(e.targets()) : ""));
    }
    assertEquals(
        Set.of(
            "org.crossinterp",
            "org.crossinterp.memchannel",
            "org.crossinterp.internal.interp to [org.crossinterp.objchannel]",
            "org.crossinterp.internal.channel to [org.crossinterp.objchannel]",
            "org.crossinterp.internal.leak to [org.crossinterp.objchannel,"
                + " org.crossinterp.strview]"),
        exports,
        "API packages for everyone; the engine only for crossinterp's own higher layers");
    assertEquals(Set.of(), descriptor.opens(), "nothing is open for deep reflection");
  }

  @Test
  void requiresOnlyJctoolsAndJfr() {
    Set<String> requires = new TreeSet<>();
    for (ModuleDescriptor.Requires r : Interpreter.class.getModule().getDescriptor().requires()) {
      requires.add(r.name());
    }
    assertEquals(Set.of("java.base", "jdk.jfr", "org.jctools.core"), requires);
  }
}
