package org.crossinterp.conformance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import org.crossinterp.memchannel.BufferExporter;
import org.crossinterp.objchannel.Shareables;

/**
 * ArchUnit rules for type authors, checked at build time:
 *
 * <pre>{@code
 * @AnalyzeClasses(packages = "com.example")
 * class CrossinterpRulesTest {
 *   @ArchTest static final ArchRule records = CrossinterpArchRules.sharedRecordsHaveOnlyShareableComponents(
 *       DescribedPredicate.describe("sent between interpreters", c -> c.getPackageName().endsWith(".messages")));
 *   @ArchTest static final ArchRule exporters = CrossinterpArchRules.exportersDoNotExposeTheirMemory();
 * }
 * }</pre>
 */
public final class CrossinterpArchRules {
  private CrossinterpArchRules() {}

  /**
   * Records you mean to send as is have only components declared with shareable types ({@link
   * Shareables#isShareableType}): a record with a {@code List}, an array or a {@code
   * StringBuilder} component would otherwise be proxied or refused at run time.
   *
   * @param sharedRecords which classes you send as is (records among them are checked)
   * @return the rule
   */
  public static ArchRule sharedRecordsHaveOnlyShareableComponents(
      DescribedPredicate<? super JavaClass> sharedRecords) {
    return classes()
        .that(sharedRecords)
        .and()
        .areRecords()
        .should(haveOnlyShareableComponents())
        .because("a record crosses interpreters as is only when every component is immutable");
  }

  /**
   * A condition: every record component is declared with a shareable type.
   *
   * @return the condition
   */
  public static ArchCondition<JavaClass> haveOnlyShareableComponents() {
    return new ArchCondition<>("have only components of shareable types") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        Class<?> type = c.reflect();
        if (!type.isRecord()) {
          return;
        }
        for (RecordComponent rc : type.getRecordComponents()) {
          if (!Shareables.isShareableType(rc.getType())) {
            events.add(
                SimpleConditionEvent.violated(
                    c,
                    c.getName() + "." + rc.getName() + " is declared as "
                        + rc.getType().getName() + ", which is not shareable as is; use an"
                        + " immutable type (List.copyOf into a record of values does not make the"
                        + " declared List immutable), or register a Sharer for the record"));
          }
        }
      }
    };
  }

  /**
   * Classes implementing {@link BufferExporter} do not hand out their memory through public
   * methods other than {@code acquireExport}: writable memory handed out behind the protocol's
   * back can be resized or freed under a reader.
   *
   * @return the rule
   */
  public static ArchRule exportersDoNotExposeTheirMemory() {
    return classes()
        .that()
        .implement(BufferExporter.class)
        .should(
            new ArchCondition<JavaClass>("expose memory only through acquireExport") {
              @Override
              public void check(JavaClass c, ConditionEvents events) {
                for (JavaMethod m : c.getMethods()) {
                  boolean exposes =
                      m.getRawReturnType().isEquivalentTo(MemorySegment.class)
                          || m.getRawReturnType().isEquivalentTo(ByteBuffer.class);
                  if (exposes
                      && m.getModifiers().contains(JavaModifier.PUBLIC)
                      && !m.getName().equals("acquireExport")) {
                    events.add(
                        SimpleConditionEvent.violated(
                            m,
                            m.getFullName() + " hands out the exporter's memory outside the"
                                + " buffer protocol; send the exporter over a MemChannel instead"));
                  }
                }
              }
            })
        .allowEmptyShould(true);
  }
}
