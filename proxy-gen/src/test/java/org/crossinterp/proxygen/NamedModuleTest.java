package org.crossinterp.proxygen;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.crossinterp.proxygen.RefusalTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.FixedValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proxies of types in a real named module, defined at run time in its own layer: module {@code
 * demo} exports {@code demo.api} and opens {@code demo.hidden} only to proxy-gen; module {@code
 * island} does not read proxy-gen; module {@code closed} neither exports nor opens anything.
 * Their classes are written with ByteBuddy and served from memory, so the test needs no second
 * build (and no compiled module-info in the test sources, which the tests' own module path
 * would pick up).
 */
public class NamedModuleTest {
  private static Class<?> greeter; // demo.api.Greeter: public, exported
  private static Class<?> secret; // demo.hidden.Secret: public, not exported
  private static Class<?> pkg; // demo.hidden.Pkg: package-private
  private static Class<?> islander; // island.Islander: public, in a module not reading proxy-gen
  private static Class<?> shy; // island.Shy: package-private, in a module not reading proxy-gen
  private static Class<?> sealedOff; // closed.inner.SealedOff: package-private, not opened
  private static Class<?> sealedOffImpl; // closed.inner.Impl implements SealedOff, Runnable
  private static Class<?> sealedOffFinal; // closed.inner.Final: final, implements SealedOff only

  @BeforeAll
  static void defineTheModules() throws Exception {
    Map<String, byte[]> demo = new HashMap<>();
    demo.put("demo/api/Greeter.class", iface("demo.api.Greeter", true));
    demo.put("demo/hidden/Secret.class", iface("demo.hidden.Secret", true));
    demo.put("demo/hidden/Pkg.class", iface("demo.hidden.Pkg", false));
    ModuleDescriptor demoDescriptor = ModuleDescriptor.newModule("demo")
        .requires("org.crossinterp.proxygen")
        .exports("demo.api")
        // Opened to the tests only so they can stand in for demo's own MethodHandles.lookup().
        .opens("demo.hidden", Set.of("org.crossinterp.proxygen"))
        .packages(Set.of("demo.api", "demo.hidden"))
        .build();
    Map<String, byte[]> island = Map.of(
        "island/Islander.class", iface("island.Islander", true),
        "island/Shy.class", iface("island.Shy", false));
    ModuleDescriptor islandDescriptor = ModuleDescriptor.newModule("island")
        .exports("island")
        .opens("island", Set.of("org.crossinterp.proxygen"))
        .build();

    DynamicType.Unloaded<?> sealedOffType = ifaceType("closed.inner.SealedOff", false);
    Map<String, byte[]> closed = Map.of(
        "closed/inner/SealedOff.class", sealedOffType.getBytes(),
        "closed/inner/Impl.class", new ByteBuddy()
            .subclass(Object.class)
            .implement(sealedOffType.getTypeDescription(), TypeDescription.ForLoadedType.of(Runnable.class))
            .name("closed.inner.Impl")
            .modifiers(Modifier.PUBLIC | Modifier.ABSTRACT)
            .make()
            .getBytes(),
        "closed/inner/Final.class", new ByteBuddy()
            .subclass(Object.class)
            .implement(sealedOffType.getTypeDescription())
            .name("closed.inner.Final")
            .modifiers(Modifier.PUBLIC | Modifier.FINAL)
            .method(named("greet"))
            .intercept(FixedValue.value("sealed off"))
            .make()
            .getBytes());
    ModuleDescriptor closedDescriptor = ModuleDescriptor.newModule("closed")
        .requires("org.crossinterp.proxygen")
        .packages(Set.of("closed.inner"))
        .build();

    ModuleFinder finder = new InMemoryFinder(Map.of(
        demoDescriptor, demo, islandDescriptor, island, closedDescriptor, closed));
    Configuration cf = ModuleLayer.boot().configuration()
        .resolve(finder, ModuleFinder.of(), Set.of("demo", "island", "closed"));
    ModuleLayer layer = ModuleLayer.boot()
        .defineModulesWithOneLoader(cf, ClassLoader.getSystemClassLoader());
    ClassLoader loader = layer.findLoader("demo");
    greeter = loader.loadClass("demo.api.Greeter");
    secret = loader.loadClass("demo.hidden.Secret");
    pkg = loader.loadClass("demo.hidden.Pkg");
    islander = layer.findLoader("island").loadClass("island.Islander");
    shy = layer.findLoader("island").loadClass("island.Shy");
    sealedOff = layer.findLoader("closed").loadClass("closed.inner.SealedOff");
    sealedOffImpl = layer.findLoader("closed").loadClass("closed.inner.Impl");
    sealedOffFinal = layer.findLoader("closed").loadClass("closed.inner.Final");
    // privateLookupIn needs the tests' module to read the target modules.
    NamedModuleTest.class.getModule().addReads(greeter.getModule());
    NamedModuleTest.class.getModule().addReads(islander.getModule());
  }

  @Test
  void theTypesAreWhereTheTestNeedsThem() {
    assertTrue(greeter.getModule().isNamed());
    assertEquals("demo", greeter.getModule().getName());
    assertTrue(greeter.getModule().isExported("demo.api"));
    assertFalse(secret.getModule().isExported("demo.hidden"));
    assertFalse(Modifier.isPublic(pkg.getModifiers()));
    assertFalse(islander.getModule().canRead(ProxyFactory.class.getModule()));
    assertFalse(sealedOff.getModule().isOpen("closed.inner", ProxyFactory.class.getModule()));
  }

  @Test
  void anExportedInterfaceOfANamedModuleWorksWithTheStandardFactory() throws Throwable {
    ProxyClass<?> pc = ProxyFactory.standard().proxyClass(greeter);
    assertFalse(pc.type().getModule().isNamed(), "defined in a new loader's unnamed module");
    MethodHandle greet = MethodHandles.publicLookup()
        .findVirtual(greeter, "greet", MethodType.methodType(String.class, String.class));
    assertCallsRoute(pc, greet);
  }

  @Test
  void theStandardFactoryDefinesProxiesOfAnOpenedPackageInsideTheModule() throws Throwable {
    MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(secret, MethodHandles.lookup());
    for (Class<?> type : List.of(secret, pkg)) { // not exported; not public
      ProxyClass<?> pc = ProxyFactory.standard().proxyClass(type);
      assertSame(secret.getModule(), pc.type().getModule(), "inside module demo");
      assertEquals("demo.hidden", pc.type().getPackageName());
      assertCallsRoute(pc, lookup.findVirtual(type, "greet",
          MethodType.methodType(String.class, String.class)));
    }
    ProxyClass<?> mixed = ProxyFactory.standard().proxyClass(List.of(pkg, greeter, Runnable.class));
    assertEquals("demo.hidden", mixed.type().getPackageName(), "public types join the package");
    assertEquals(List.of(greeter, pkg), ProxyFactory.proxyableInterfaces(
        ProxyFactory.standard().proxyClass(List.of(pkg, greeter)).type()));
  }

  @Test
  void aPackageTheModuleDoesNotOpenIsRefusedWithTheOpensLine() {
    assertRefused(() -> ProxyFactory.standard().proxyClass(sealedOff),
        "closed.inner.SealedOff is not public", "not accessible", "module closed",
        "does not open", "'opens closed.inner to org.crossinterp.proxygen;'",
        "module-info.java of closed");
    assertEquals(List.of(Runnable.class), ProxyFactory.proxyableInterfaces(sealedOffImpl),
        "proxyableInterfaces leaves out what the standard factory refuses");
    // A final class is not proxyable by subclassing; the message must not stop at that, since
    // the fix is about its interface.
    assertRefused(() -> ProxyFactory.standard().proxyClass(sealedOffFinal),
        "closed.inner.Final is final", "Nor can it be proxied through its interfaces",
        "'opens closed.inner to org.crossinterp.proxygen;'");
  }

  @Test
  void aModuleThatOpensButDoesNotReadProxyGenIsToldToRequireIt() {
    assertRefused(() -> ProxyFactory.standard().proxyClass(shy),
        "module island", "requires org.crossinterp.proxygen");
  }

  @Test
  void aLookupFromTheHiddenPackageDefinesTheProxyInsideTheModule() throws Throwable {
    MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(secret, MethodHandles.lookup());
    ProxyFactory f = ProxyFactory.using(lookup);
    for (Class<?> type : List.of(secret, pkg)) {
      ProxyClass<?> pc = f.proxyClass(type);
      assertSame(secret.getModule(), pc.type().getModule(), "inside module demo");
      assertEquals("demo.hidden", pc.type().getPackageName());
      MethodHandle greet =
          lookup.findVirtual(type, "greet", MethodType.methodType(String.class, String.class));
      assertCallsRoute(pc, greet);
    }
    ProxyClass<?> several = f.proxyClass(List.of(pkg, greeter, secret, Runnable.class));
    assertEquals(List.of(greeter, pkg, secret, Runnable.class), several.proxiedTypes());
  }

  @Test
  void aModuleThatDoesNotReadProxyGenIsToldToRequireIt() throws Exception {
    MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(islander, MethodHandles.lookup());
    assertRefused(() -> ProxyFactory.using(lookup).proxyClass(islander),
        "module island", "requires org.crossinterp.proxygen");
  }

  /** Calls greet on a proxy whose dispatcher forwards to a second proxy standing for the real object. */
  private static void assertCallsRoute(ProxyClass<?> pc, MethodHandle greet) throws Throwable {
    Object real = pc.newInstance((proxy, id, args) -> "hello " + args[0]);
    Forwarder fw = new Forwarder(pc, real);
    Object p = pc.newInstance(fw);
    assertEquals("hello module", (String) greet.invoke(p, "module"));
    Forwarder.Call call = fw.take();
    assertEquals("greet", call.method().getName());
    assertEquals(List.of("module"), call.args());
  }

  private static byte[] iface(String name, boolean isPublic) {
    return ifaceType(name, isPublic).getBytes();
  }

  private static DynamicType.Unloaded<?> ifaceType(String name, boolean isPublic) {
    return new ByteBuddy()
        .makeInterface()
        .name(name)
        .modifiers((isPublic ? Modifier.PUBLIC : 0) | Modifier.INTERFACE | Modifier.ABSTRACT)
        .defineMethod("greet", String.class, Visibility.PUBLIC)
        .withParameters(String.class)
        .withoutCode()
        .make();
  }

  /** Serves modules whose class files are held in memory. */
  private static final class InMemoryFinder implements ModuleFinder {
    private final Map<String, ModuleReference> modules = new HashMap<>();

    InMemoryFinder(Map<ModuleDescriptor, Map<String, byte[]>> contents) {
      contents.forEach((descriptor, files) -> modules.put(descriptor.name(),
          new ModuleReference(descriptor, null) {
            @Override
            public ModuleReader open() {
              return new ModuleReader() {
                @Override
                public Optional<URI> find(String name) {
                  return Optional.empty();
                }

                @Override
                public Optional<InputStream> open(String name) {
                  byte[] bytes = files.get(name);
                  return Optional.ofNullable(bytes).map(ByteArrayInputStream::new);
                }

                @Override
                public Stream<String> list() {
                  return files.keySet().stream();
                }

                @Override
                public void close() {}
              };
            }
          }));
    }

    @Override
    public Optional<ModuleReference> find(String name) {
      return Optional.ofNullable(modules.get(name));
    }

    @Override
    public Set<ModuleReference> findAll() {
      return Set.copyOf(modules.values());
    }
  }
}
