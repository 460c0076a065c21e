package org.crossinterp.conformance.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
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
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of DESIGN §9 across every module (conformance-tests depends on all of them, so
 * all of crossinterp's main classes are imported here):
 *
 * <pre>
 * memchannel  org.crossinterp, org.crossinterp.memchannel, org.crossinterp.internal..
 * strview     org.crossinterp.strview..      -> memchannel
 * proxy-gen   org.crossinterp.proxygen..     -> nothing of crossinterp
 * objchannel  org.crossinterp.objchannel..   -> memchannel, strview, proxy-gen
 * conformance org.crossinterp.conformance..  -> all of the above
 * </pre>
 *
 * and no public signature of an API type exposes an {@code ..internal..} type.
 */
class LayeringTest {
  private static final String[] MEMCHANNEL = {
    "org.crossinterp", "org.crossinterp.memchannel..", "org.crossinterp.internal.."
  };
  private static final String STRVIEW = "org.crossinterp.strview..";
  private static final String PROXYGEN = "org.crossinterp.proxygen..";
  private static final String OBJCHANNEL = "org.crossinterp.objchannel..";
  private static final String CONFORMANCE = "org.crossinterp.conformance..";

  private static JavaClasses all;

  @BeforeAll
  static void importClasses() {
    all =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.crossinterp");
    // Guard against vacuous passes: one class of every module must be there.
    for (String name :
        List.of(
            "org.crossinterp.Interpreter",
            "org.crossinterp.internal.interp.Domain",
            "org.crossinterp.memchannel.MemChannel",
            "org.crossinterp.strview.StrView",
            "org.crossinterp.proxygen.ProxyFactory",
            "org.crossinterp.objchannel.ObjChannel",
            "org.crossinterp.objchannel.internal.Packing",
            "org.crossinterp.conformance.ChannelVerification")) {
      if (!all.contain(name)) {
        throw new AssertionError("ArchUnit did not import " + name + "; got " + all.size());
      }
    }
    // and no test class: the kit's self-tests may depend on anything
    if (all.contain("org.crossinterp.conformance.architecture.LayeringTest")) {
      throw new AssertionError("test classes were imported");
    }
  }

  @Test
  void proxyGenDependsOnNothingOfCrossinterpOutsideItself() {
    noClasses()
        .that()
        .resideInAPackage(PROXYGEN)
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "are crossinterp classes outside proxy-gen",
                (JavaClass c) ->
                    c.getPackageName().startsWith("org.crossinterp")
                        && !c.getPackageName().startsWith("org.crossinterp.proxygen")))
        .check(all);
  }

  @Test
  void memchannelDependsOnNoHigherLayer() {
    noClasses()
        .that()
        .resideInAnyPackage(MEMCHANNEL)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(STRVIEW, PROXYGEN, OBJCHANNEL, CONFORMANCE)
        .check(all);
  }

  @Test
  void strviewDependsOnlyOnMemchannel() {
    noClasses()
        .that()
        .resideInAPackage(STRVIEW)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(PROXYGEN, OBJCHANNEL, CONFORMANCE)
        .check(all);
  }

  @Test
  void objchannelDoesNotDependOnTheConformanceKit() {
    noClasses()
        .that()
        .resideInAPackage(OBJCHANNEL)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(CONFORMANCE)
        .check(all);
  }

  @Test
  void everyClassBelongsToAModuleOfTheLayering() {
    classes()
        .should()
        .resideInAnyPackage(
            "org.crossinterp",
            "org.crossinterp.memchannel..",
            "org.crossinterp.internal..",
            STRVIEW,
            PROXYGEN,
            OBJCHANNEL,
            CONFORMANCE)
        .check(all);
  }

  @Test
  void apiSignaturesNeverExposeInternalTypes() {
    classes()
        .that()
        .resideOutsideOfPackage("..internal..")
        .and()
        .arePublic()
        .should(exposeNoInternalType())
        .check(all);
  }

  /**
   * What users can reach of a public API type: its supertypes, and the types in its public and
   * protected signatures (as in memchannel's own LayeringTest).
   */
  private static ArchCondition<JavaClass> exposeNoInternalType() {
    return new ArchCondition<>("expose no ..internal.. type in a public or protected signature") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        List<String> leaks = new ArrayList<>();
        c.getRawSuperclass()
            .filter(LayeringTest::isInternal)
            .ifPresent(s -> leaks.add("extends " + s.getName()));
        c.getRawInterfaces().stream()
            .filter(LayeringTest::isInternal)
            .forEach(i -> leaks.add("implements " + i.getName()));
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

  private static boolean visible(Set<JavaModifier> m) {
    return m.contains(JavaModifier.PUBLIC) || m.contains(JavaModifier.PROTECTED);
  }

  private static boolean isInternal(JavaClass c) {
    return c.getPackageName().contains(".internal");
  }
}
