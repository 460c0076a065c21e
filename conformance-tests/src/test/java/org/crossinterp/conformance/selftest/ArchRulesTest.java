package org.crossinterp.conformance.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.crossinterp.conformance.CrossinterpArchRules;
import org.crossinterp.memchannel.BufferExporter;
import org.junit.jupiter.api.Test;

/**
 * The ArchUnit rules offered to authors: each fails on the code that breaks it, naming the
 * culprit, and not on code that breaks only the other rule.
 */
class ArchRulesTest {
  /** Shareable as is: every component is immutable. */
  public record PriceMessage(String symbol, long cents, Instant at, Side side, Leg leg) {}

  /** An enum component. */
  public enum Side { BUY, SELL }

  /** A nested record of immutable components. */
  public record Leg(String venue, int lots) {}

  /** Not shareable as is: a List component (even if filled with List.copyOf). */
  public record BasketMessage(String id, List<String> symbols) {}

  /** Not shareable as is: an array component. */
  public record BlobMessage(byte[] bytes) {}

  /** Keeps its memory to itself. */
  public static final class ProperExporter implements BufferExporter {
    private final MemorySegment memory = Arena.ofAuto().allocate(16);

    @Override
    public MemorySegment acquireExport() {
      return memory;
    }

    @Override
    public void releaseExport(MemorySegment exported) {}

    /** @return the size (not the memory) */
    public long size() {
      return memory.byteSize();
    }
  }

  /** Hands its memory out behind the buffer protocol's back. */
  public static final class ExposingExporter implements BufferExporter {
    private final MemorySegment memory = Arena.ofAuto().allocate(16);

    @Override
    public MemorySegment acquireExport() {
      return memory;
    }

    @Override
    public void releaseExport(MemorySegment exported) {}

    /** @return the memory itself */
    public MemorySegment memory() {
      return memory;
    }
  }

  /** Hands its memory out as a public field of a ByteBuffer type. */
  public static final class FieldExporter implements BufferExporter {
    /** The memory itself. */
    public final ByteBuffer buffer = ByteBuffer.allocateDirect(16);

    @Override
    public MemorySegment acquireExport() {
      return MemorySegment.ofBuffer(buffer);
    }

    @Override
    public void releaseExport(MemorySegment exported) {}
  }

  private static final DescribedPredicate<JavaClass> MESSAGES =
      DescribedPredicate.describe("messages", c -> c.getSimpleName().endsWith("Message"));

  private static final ArchRule RECORDS =
      CrossinterpArchRules.sharedRecordsHaveOnlyShareableComponents(MESSAGES);

  private static final ArchRule EXPORTERS = CrossinterpArchRules.exportersDoNotExposeTheirMemory();

  /** Imported once: each import resolves the JDK types involved, which takes seconds. */
  private static final JavaClasses ALL =
      new ClassFileImporter()
          .importClasses(
              PriceMessage.class, Side.class, Leg.class, BasketMessage.class, BlobMessage.class,
              ProperExporter.class, ExposingExporter.class, FieldExporter.class);

  private static JavaClasses of(Class<?>... classes) {
    Set<String> names = Arrays.stream(classes).map(Class::getName).collect(Collectors.toSet());
    JavaClasses chosen =
        ALL.that(DescribedPredicate.describe("chosen", c -> names.contains(c.getName())));
    assertEquals(names.size(), chosen.size(), "fixture classes missing from the import");
    return chosen;
  }

  private static void assertFailsNaming(ArchRule rule, JavaClasses classes, String... names) {
    AssertionError e = assertThrows(AssertionError.class, () -> rule.check(classes));
    for (String n : names) {
      assertTrue(e.getMessage().contains(n), "the report does not name " + n + ":\n" + e.getMessage());
    }
  }

  @Test
  void recordsOfImmutableComponentsPass() {
    RECORDS.check(of(PriceMessage.class, Leg.class, Side.class, ProperExporter.class));
  }

  @Test
  void aRecordWithAListComponentFailsTheRecordRule() {
    assertFailsNaming(RECORDS, of(PriceMessage.class, BasketMessage.class),
        BasketMessage.class.getName() + ".symbols", "java.util.List");
  }

  @Test
  void aRecordWithAnArrayComponentFailsTheRecordRule() {
    assertFailsNaming(RECORDS, of(BlobMessage.class), BlobMessage.class.getName() + ".bytes");
  }

  @Test
  void theRecordRuleLooksOnlyAtTheRecordsChosen() {
    RECORDS.check(of(PriceMessage.class, Leg.class, ExposingExporter.class));
  }

  @Test
  void anExporterKeepingItsMemoryPasses() {
    EXPORTERS.check(of(ProperExporter.class, BasketMessage.class));
  }

  @Test
  void anExporterWithAPublicMemoryMethodFailsTheExporterRule() {
    assertFailsNaming(EXPORTERS, of(ProperExporter.class, ExposingExporter.class),
        ExposingExporter.class.getName() + ".memory()");
  }

  @Test
  void anExporterWithAPublicMemoryFieldFailsTheExporterRule() {
    assertFailsNaming(EXPORTERS, of(FieldExporter.class), FieldExporter.class.getName() + ".buffer");
  }
}
