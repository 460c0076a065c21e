package org.crossinterp.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of DESIGN §9 inside memchannel. Implementation lives in {@code ..internal..};
 * users never see it: no public signature of an API type mentions an internal type. (API
 * classes do use the engine internally: a final class with static factories must create its
 * implementation, so the rule is about what users can reach, as in Caffeine.)
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
  void apiSignaturesNeverExposeInternalTypes() {
    classes()
        .that()
        .resideOutsideOfPackage("..internal..")
        .and()
        .arePublic()
        .should(exposeNoInternalType())
        .check(main);
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

  private static ArchCondition<JavaClass> exposeNoInternalType() {
    return new ArchCondition<>("expose no ..internal.. type in a public or protected signature") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        List<String> leaks = new ArrayList<>();
        c.getRawSuperclass().filter(LayeringTest::isInternal).ifPresent(s -> leaks.add("extends " + s.getName()));
        c.getRawInterfaces().stream().filter(LayeringTest::isInternal).forEach(i -> leaks.add("implements " + i.getName()));
        for (JavaCodeUnit u : c.getCodeUnits()) {
          if (!visible(u.getModifiers())) {
            continue;
          }
          if (isInternal(u.getRawReturnType())) {
            leaks.add(u.getFullName() + " returns " + u.getRawReturnType().getName());
          }
          u.getRawParameterTypes().stream()
              .filter(LayeringTest::isInternal)
              .forEach(p -> leaks.add(u.getFullName() + " takes " + p.getName()));
          u.getThrowsClause().getTypes().stream()
              .filter(LayeringTest::isInternal)
              .forEach(t -> leaks.add(u.getFullName() + " throws " + t.getName()));
        }
        for (JavaField f : c.getFields()) {
          if (visible(f.getModifiers()) && isInternal(f.getRawType())) {
            leaks.add(f.getFullName() + " is of " + f.getRawType().getName());
          }
        }
        for (String l : leaks) {
          events.add(SimpleConditionEvent.violated(c, c.getName() + ": " + l));
        }
      }
    };
  }

  private static boolean visible(java.util.Set<JavaModifier> m) {
    return m.contains(JavaModifier.PUBLIC) || m.contains(JavaModifier.PROTECTED);
  }

  private static boolean isInternal(JavaClass c) {
    return c.getPackageName().contains(".internal");
  }
}
