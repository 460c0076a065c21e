package org.crossinterp.conformance.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.crossinterp.conformance.VerificationSupport;
import org.junit.jupiter.api.Test;

/**
 * The kit's module exports exactly its API package. The tests run on the class path (see the
 * pom), so the descriptor is read from the compiled {@code module-info.class} next to the kit's
 * classes rather than from the running module.
 */
class ModuleDescriptorTest {

  private static ModuleDescriptor descriptor() throws Exception {
    Path classes = Path.of(VerificationSupport.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    Path info = Files.isDirectory(classes) ? classes.resolve("module-info.class") : null;
    assertTrue(info != null && Files.exists(info),
        "the kit's classes (" + classes + ") hold no module-info.class");
    try (InputStream in = Files.newInputStream(info)) {
      return ModuleDescriptor.read(in);
    }
  }

  @Test
  void exportsExactlyTheKitPackage() throws Exception {
    ModuleDescriptor d = descriptor();
    assertEquals("org.crossinterp.conformance", d.name());
    Set<String> exports =
        d.exports().stream()
            .map(e -> e.source() + (e.isQualified() ? " to " + new TreeSet<>(e.targets()) : ""))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of("org.crossinterp.conformance"), exports,
        "the kit exports its API package only, to everyone");
  }

  @Test
  void opensTheKitToJunitOnly() throws Exception {
    Set<String> opens =
        descriptor().opens().stream()
            .map(o -> o.source() + " to " + new TreeSet<>(o.targets()))
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of("org.crossinterp.conformance to [org.junit.platform.commons]"), opens,
        "JUnit alone may reflect on the kit's lifecycle methods");
  }

  @Test
  void requiresTheLayersJunitAndArchunitTransitively() throws Exception {
    Set<String> transitive =
        descriptor().requires().stream()
            .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
            .map(ModuleDescriptor.Requires::name)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(
        Set.of("org.crossinterp.objchannel", "org.junit.jupiter.api", "com.tngtech.archunit"),
        transitive,
        "authors' tests see crossinterp, JUnit and ArchUnit through the kit");
  }
}
