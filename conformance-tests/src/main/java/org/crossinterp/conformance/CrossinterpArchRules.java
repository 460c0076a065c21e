package org.crossinterp.conformance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
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
   * methods or fields other than {@code acquireExport}: memory handed out behind the protocol's
   * back can be freed or resized under a reader, and no release tells the exporter when it is
   * no longer read. Methods returning a {@link MemorySegment} or a {@link ByteBuffer} (or a
   * subtype), inherited ones included, and public fields of those types are reported.
   * (crossinterp's own {@code SharedBuffer.segment()} and {@code StrView.bytes()} are
   * deliberate exceptions: the buffer refuses to resize or free while exported, and the text's
   * bytes are read-only.)
   *
   * @return the rule
   */
  public static ArchRule exportersDoNotExposeTheirMemory() {
    return classes()
        .that()
        .implement(BufferExporter.class)
        .should(exposeMemoryOnlyThroughAcquireExport())
        .allowEmptyShould(true);
  }

  /**
   * A condition: no public method but {@code acquireExport} returns memory, and no public field
   * holds it.
   *
   * @return the condition
   */
  public static ArchCondition<JavaClass> exposeMemoryOnlyThroughAcquireExport() {
    return new ArchCondition<>("expose memory only through acquireExport") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        for (JavaMethod m : c.getAllMethods()) {
          if (isMemory(m.getRawReturnType())
              && m.getModifiers().contains(JavaModifier.PUBLIC)
              && !m.getName().equals("acquireExport")
              && !m.getOwner().getPackageName().startsWith("java.")) {
            events.add(
                SimpleConditionEvent.violated(
                    m,
                    c.getName() + ": " + m.getFullName() + " hands out the exporter's memory"
                        + " outside the buffer protocol; keep it private and send the exporter"
                        + " over a MemChannel instead"));
          }
        }
        for (JavaField f : c.getAllFields()) {
          if (isMemory(f.getRawType()) && f.getModifiers().contains(JavaModifier.PUBLIC)) {
            events.add(
                SimpleConditionEvent.violated(
                    f,
                    c.getName() + ": the public field " + f.getFullName() + " hands out the"
                        + " exporter's memory outside the buffer protocol; make it private"));
          }
        }
      }
    };
  }

  private static boolean isMemory(JavaClass type) {
    return type.isAssignableTo(MemorySegment.class) || type.isAssignableTo(ByteBuffer.class);
  }
}
