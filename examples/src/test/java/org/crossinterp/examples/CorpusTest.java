package org.crossinterp.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {
  @TempDir Path dir;

  @Test
  void generatedTextIsWholeLinesDeterministicAndReportsProgress() {
    AtomicLong progress = new AtomicLong();
    try (Corpus a = Corpus.generate(300_000, 5, progress::addAndGet);
        Corpus b = Corpus.generate(300_000, 5, n -> {});
        Corpus c = Corpus.generate(300_000, 6, n -> {})) {
      long size = a.text().byteSize();
      assertTrue(size <= 300_000 && size > 299_000, "fills up to the size: " + size);
      assertEquals('\n', a.text().get(ValueLayout.JAVA_BYTE, size - 1), "whole lines only");
      assertEquals(size, progress.get());
      byte[] bytes = a.text().toArray(ValueLayout.JAVA_BYTE);
      assertArrayEquals(bytes, b.text().toArray(ValueLayout.JAVA_BYTE), "same seed, same text");
      assertFalse(
          java.util.Arrays.equals(bytes, c.text().toArray(ValueLayout.JAVA_BYTE)),
          "another seed, another text");
      String first = new String(bytes, 0, 200, StandardCharsets.US_ASCII).lines().findFirst()
          .orElseThrow();
      assertTrue(first.matches("10\\.\\d+\\.\\d+\\.\\d+ - - \\[\\d\\d/\\w{3}/\\d{4}:\\d\\d:\\d\\d"
          + ":\\d\\d \\+0000] \"[A-Z]+ /\\S* HTTP/1.1\" \\d{3} \\d+ \"[^\"]*\" \"[^\"]*\""),
          first);
    }
  }

  @Test
  void mapsAFileReadOnlyWithoutCopying() throws IOException, CorpusException {
    Path file = Files.writeString(dir.resolve("f.txt"), "one\ntwo\n");
    try (Corpus corpus = Corpus.map(file)) {
      assertEquals(8, corpus.text().byteSize());
      assertTrue(corpus.text().isReadOnly());
      assertTrue(corpus.text().isMapped());
      assertTrue(corpus.description().contains("f.txt"));
    }
  }

  @Test
  void missingFileSaysWhatIsWrongAndWhatToDo() {
    Path missing = dir.resolve("missing.txt");
    CorpusException e = assertThrows(CorpusException.class, () -> Corpus.map(missing));
    assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    assertTrue(e.getMessage().contains("--input"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line");
  }

  @Test
  void aFileThatIsNotUtf8IsRefusedNamingTheFileTheByteAndTheFix()
      throws IOException, CorpusException {
    // the bad byte is in the third chunk, so its offset is the chunk's plus the byte's
    byte[] bytes = "fine\nalso fine\nbad \u00ff here\n".getBytes(StandardCharsets.ISO_8859_1);
    Path file = Files.write(dir.resolve("mixed.txt"), bytes);
    try (Corpus corpus = Corpus.map(file)) {
      java.util.List<Chunker.Chunk> chunks = Chunker.split(corpus.text(), 3);
      assertEquals(3, chunks.size());
      CorpusException e = assertThrows(CorpusException.class,
          () -> corpus.checkEncoding(chunks, org.crossinterp.strview.Encoding.UTF8));
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("byte 0xff at offset 19"), e.getMessage());
      assertTrue(e.getMessage().contains("--encoding latin-1"), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), "one line");
      corpus.checkEncoding(chunks, org.crossinterp.strview.Encoding.LATIN1); // any bytes
      assertEquals(bytes.length, corpus.text().byteSize(), "the corpus is still readable");
    }
    try (Corpus generated = Corpus.generate(10_000, 1, n -> {})) {
      generated.checkEncoding(Chunker.split(generated.text(), 1000),
          org.crossinterp.strview.Encoding.UTF8);
    }
  }
}
