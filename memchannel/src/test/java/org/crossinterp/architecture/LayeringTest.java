package org.crossinterp.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of DESIGN §9 inside memchannel: the interpreter engine, the channel core and the
 * buffer layer depend on each other only downwards. (That no public signature exposes an
 * {@code ..internal..} type is checked for every module by conformance-tests' LayeringTest.)
 */
class LayeringTest {
  private static JavaClasses main;

  @BeforeAll
  static void importClasses() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.crossinterp");
    // Guard against vacuous passes: the rules below mean nothing over an empty import.
    for (String name :
        List.of(
            "org.crossinterp.Interpreter",
            "org.crossinterp.internal.interp.Domain",
            "org.crossinterp.memchannel.MemChannel")) {
      if (!main.contain(name)) {
        throw new AssertionError("ArchUnit did not import " + name + "; got " + main.size());
      }
    }
  }

  @Test
  void interpreterEngineKnowsNothingOfChannelsOrBuffers() {
    noClasses()
        .that()
        .resideInAPackage("org.crossinterp.internal.interp..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.crossinterp.memchannel..",
            "org.crossinterp.internal.channel..",
            "org.crossinterp.internal.leak..")
        .check(main);
  }

  @Test
  void channelCoreKnowsNothingOfBuffers() {
    noClasses()
        .that()
        .resideInAPackage("org.crossinterp.internal.channel..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.crossinterp.memchannel..")
        .check(main);
  }

  @Test
  void corePackageDoesNotDependOnTheBufferLayer() {
    noClasses()
        .that()
        .resideInAPackage("org.crossinterp")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.crossinterp.memchannel..")
        .check(main);
  }

  @Test
  void memchannelDependsOnlyOnTheJdkJfrAndJctools() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "jdk.jfr..", "org.jctools..", "org.crossinterp..")
        .check(main);
  }
}
