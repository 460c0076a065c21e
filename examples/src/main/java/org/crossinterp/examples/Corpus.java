package org.crossinterp.examples;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import org.crossinterp.strview.Encoding;
import org.crossinterp.strview.MalformedTextException;
import org.crossinterp.strview.StrView;

/**
 * The text the demo analyses, in memory that other interpreters can read through views: a
 * file mapped read-only, or generated web-server log lines. Either way the memory belongs to a
 * shared {@link Arena} (a confined one could not be sent to another interpreter), which {@link
 * #close()} frees.
 *
 * <p>Created and closed by the main thread; {@link #text()} may be read from any thread while
 * the corpus is open. Close it only after every view of it is released.
 */
final class Corpus implements AutoCloseable {
  private final Arena arena;
  private final MemorySegment text;
  private final String description;
  private final Path file; // null for generated text

  private Corpus(Arena arena, MemorySegment text, String description, Path file) {
    this.arena = arena;
    this.text = text;
    this.description = description;
    this.file = file;
  }

  /**
   * Maps a file read-only: no byte is read or copied until a worker reads it.
   *
   * @param file the file
   * @return the corpus
   * @throws CorpusException if the file is missing, a directory or unreadable; the message is
   *     one line naming the file, the reason and the fix
   */
  static Corpus map(Path file) throws CorpusException {
    if (Files.isDirectory(file)) {
      throw unreadable(file, "it is a directory", null);
    }
    Arena arena = Arena.ofShared();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      // The mapping stays valid after the channel is closed; it lives as long as the arena.
      MemorySegment text = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
      return new Corpus(arena, text, "file " + file, file);
    } catch (NoSuchFileException e) {
      arena.close();
      throw unreadable(file, "no such file", e);
    } catch (AccessDeniedException e) {
      arena.close();
      throw unreadable(file, "permission denied", e);
    } catch (IOException | UnsupportedOperationException e) {
      arena.close();
      throw unreadable(file, String.valueOf(e.getMessage()), e);
    }
  }

  private static CorpusException unreadable(Path file, String reason, Throwable cause) {
    return new CorpusException(
        "cannot read "
            + file
            + ": "
            + reason
            + "; give --input a readable text file, or leave --input out to analyse generated"
            + " log lines",
        cause);
  }

  /**
   * Generates web-server log lines into fresh native memory.
   *
   * @param bytes the most bytes to generate (whole lines only, so a little less)
   * @param seed the seed: the same seed gives the same text
   * @param progress told the number of bytes written as generation goes on
   * @return the corpus
   */
  static Corpus generate(long bytes, long seed, LongConsumer progress) {
    Arena arena = Arena.ofShared();
    try {
      MemorySegment memory = arena.allocate(Math.max(bytes, 1));
      long written = SyntheticLog.write(memory.asSlice(0, bytes), seed, progress);
      return new Corpus(
          arena,
          memory.asSlice(0, written),
          "generated web-server log (seed " + seed + ")",
          null);
    } catch (RuntimeException | Error e) {
      arena.close();
      throw e;
    }
  }

  /**
   * The text.
   *
   * @return the memory, valid until {@link #close()}
   */
  MemorySegment text() {
    return text;
  }

  /**
   * Where the text came from, for the report.
   *
   * @return a short description
   */
  String description() {
    return description;
  }

  /**
   * Checks that the text is valid in {@code encoding}, as the zero-copy workers will read it
   * ({@link StrView} validates UTF-8 when it wraps a chunk). Latin-1 accepts any bytes, and
   * generated text is ASCII, so only files read as UTF-8 are checked: one pass over the file,
   * chunk by chunk, before anything is counted. Main thread.
   *
   * @param chunks how the text will be cut
   * @param encoding how it will be read
   * @throws CorpusException if a file is not valid UTF-8; the message is one line naming the
   *     file, the offset and value of the first bad byte, and the fix
   */
  void checkEncoding(List<Chunker.Chunk> chunks, Encoding encoding) throws CorpusException {
    if (file == null || encoding != Encoding.UTF8) {
      return;
    }
    for (Chunker.Chunk chunk : chunks) {
      try {
        StrView.wrap(chunk.of(text), encoding).release();
      } catch (MalformedTextException e) {
        long offset = chunk.offset() + e.byteOffset();
        throw new CorpusException(
            String.format(
                Locale.ROOT,
                "cannot read %s as UTF-8: byte 0x%02x at offset %,d is not valid UTF-8; give"
                    + " --encoding latin-1 to read it byte for byte as Latin-1, or convert it"
                    + " to UTF-8",
                file,
                text.get(ValueLayout.JAVA_BYTE, offset) & 0xff,
                offset),
            e);
      }
    }
  }

  /** Unmaps or frees the memory. Call it only once every view of it is released. */
  @Override
  public void close() {
    arena.close();
  }
}
