package org.crossinterp.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import org.crossinterp.proxygen.ProxyFactory;
import org.junit.jupiter.api.Test;

/** proxy-gen exports exactly its API package and depends on ByteBuddy only (DESIGN §9). */
class ModuleDescriptorTest {

  @Test
  void exportsExactlyTheApiPackage() {
    Module module = ProxyFactory.class.getModule();
    ModuleDescriptor descriptor = module.getDescriptor();
    assertNotNull(descriptor, "tests must run on the module path, as users' modules do");
    assertEquals("org.crossinterp.proxygen", descriptor.name());

    Set<String> exports = new TreeSet<>();
    for (ModuleDescriptor.Exports e : descriptor.exports()) {
      exports.add(e.source() + (e.isQualified() ? " to " + new TreeSet<>(e.targets()) : ""));
    }
    assertEquals(Set.of("org.crossinterp.proxygen"), exports);
    assertEquals(Set.of(), descriptor.opens(), "nothing is open for deep reflection");
    assertTrue(descriptor.packages().contains("org.crossinterp.proxygen.internal"));
  }

  @Test
  void requiresOnlyByteBuddy() {
    Set<String> requires = new TreeSet<>();
    for (ModuleDescriptor.Requires r : ProxyFactory.class.getModule().getDescriptor().requires()) {
      requires.add(r.name());
    }
    assertEquals(Set.of("java.base", "net.bytebuddy"), requires);
  }

  @Test
  void noPublicSignatureOfTheApiMentionsAnInternalType() throws Exception {
    Module module = ProxyFactory.class.getModule();
    for (String name : Set.of("ProxyFactory", "ProxyClass", "Dispatcher", "Invoker",
        "GeneratedProxy", "NotProxyableException")) {
      Class<?> c = Class.forName(module, "org.crossinterp.proxygen." + name);
      assertNotNull(c, name);
      for (Method m : c.getDeclaredMethods()) {
        if (!Modifier.isPublic(m.getModifiers()) && !Modifier.isProtected(m.getModifiers())) {
          continue;
        }
        assertPublicApi(m.getReturnType(), m);
        for (Class<?> p : m.getParameterTypes()) {
          assertPublicApi(p, m);
        }
      }
    }
  }

  private static void assertPublicApi(Class<?> type, Method where) {
    while (type.isArray()) {
      type = type.getComponentType();
    }
    assertTrue(!type.getPackageName().contains(".internal"), where + " exposes " + type);
  }
}
