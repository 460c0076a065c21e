package org.crossinterp.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChunkerTest {
  private static MemorySegment text(String s) {
    return MemorySegment.ofArray(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Every byte once, in order; no empty chunk; all but the last end with a newline. */
  private static void assertWellCut(MemorySegment text, long target, List<Chunker.Chunk> chunks) {
    long next = 0;
    for (int i = 0; i < chunks.size(); i++) {
      Chunker.Chunk c = chunks.get(i);
      assertEquals(next, c.offset(), "chunk " + i + " must start where the previous ended");
      assertTrue(c.length() >= 1, "chunk " + i + " is empty");
      long end = c.offset() + c.length();
      if (i < chunks.size() - 1) {
        assertEquals('\n', text.get(ValueLayout.JAVA_BYTE, end - 1),
            "chunk " + i + " does not end at a line end (target " + target + ")");
        assertTrue(c.length() >= target, "chunk " + i + " is shorter than the target");
      }
      next = end;
    }
    assertEquals(text.byteSize(), next, "the chunks must cover the whole text");
  }

  @Test
  void cutsOnlyAtLineEndsAndCoversEveryByteOnce() {
    SplittableRandom random = new SplittableRandom(42);
    for (int round = 0; round < 300; round++) {
      byte[] bytes = new byte[random.nextInt(500)];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = random.nextInt(8) == 0 ? (byte) '\n' : (byte) ('a' + random.nextInt(26));
      }
      MemorySegment text = MemorySegment.ofArray(bytes);
      for (long target : new long[] {1, 2, 3, 7, 64, 499, 1000}) {
        assertWellCut(text, target, Chunker.split(text, target));
      }
    }
  }

  @Test
  void chunksEndJustAfterTheNewlineAtOrPastTheTarget() {
    List<Chunker.Chunk> chunks = Chunker.split(text("aaa\nbb\ncccc\nd"), 4);
    assertEquals(
        List.of(new Chunker.Chunk(0, 4), new Chunker.Chunk(4, 8), new Chunker.Chunk(12, 1)),
        chunks);
  }

  @Test
  void aLineLongerThanTheTargetIsOneChunk() {
    String line = "x".repeat(100) + "\n";
    List<Chunker.Chunk> chunks = Chunker.split(text(line + "y\n"), 10);
    assertEquals(List.of(new Chunker.Chunk(0, 101), new Chunker.Chunk(101, 2)), chunks);
  }

  @Test
  void textWithoutNewlinesIsOneChunk() {
    assertEquals(List.of(new Chunker.Chunk(0, 9)), Chunker.split(text("no breaks"), 2));
  }

  @Test
  void emptyTextHasNoChunks() {
    assertEquals(List.of(), Chunker.split(text(""), 10));
  }

  @Test
  void targetBelowOneIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Chunker.split(text("a\n"), 0));
    assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
  }
}
