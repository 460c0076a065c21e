package org.crossinterp.objchannel;

import static org.crossinterp.objchannel.ProxyCallTest.proxyOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.ScatteringByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.crossinterp.Interpreter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real I/O types owned by one interpreter, read and written from another through proxies,
 * byte-exact against direct use. Streams, readers and writers arrive as instances of their
 * abstract classes; the arrays and buffers they fill are copied in and restored, so out-parameter
 * reads deliver. The data is this module's own sources.
 */
class IoThroughProxiesTest extends ObjTestSupport {
  /** Plain ASCII Java source. */
  private static final Path SOURCE =
      Path.of("src/main/java/org/crossinterp/objchannel/ObjChannel.java");

  /** A source with non-ASCII characters ("DESIGN §5"), for the reader. */
  private static final Path UTF8_SOURCE =
      Path.of("src/main/java/org/crossinterp/objchannel/internal/Packing.java");

  @TempDir Path temp;

  private Interpreter owner(boolean dedicated) {
    return dedicated ? dedicated("owner") : interp("owner");
  }

  /** Opens {@code open} in {@code owner} and hands it to {@code user} as a proxy of {@code as}. */
  private static <T> T openIn(Interpreter owner, Interpreter user, IoOpen open, Class<T> as)
      throws Exception {
    Object opened = owner.call(open::open);
    return proxyOf(owner, user, opened, as);
  }

  /** Opens an I/O object (in the owner). */
  @FunctionalInterface
  private interface IoOpen {
    Object open() throws IOException;
  }

  private static String hex(byte[] b, int off, int len) {
    return HexFormat.of().formatHex(b, off, off + len);
  }

  /**
   * Every kind of read an {@code InputStream} offers, each outcome recorded: run once on a
   * stream used directly and once on a proxy, the two records must be equal.
   */
  private static List<String> readScript(InputStream in) throws IOException {
    List<String> seen = new ArrayList<>();
    seen.add("read() " + in.read() + " " + in.read());
    byte[] buf = new byte[64];
    int n = in.read(buf);
    seen.add("read(byte[]) " + n + " " + hex(buf, 0, n));
    byte[] ranged = new byte[32];
    ranged[0] = 'x';
    ranged[31] = 'y';
    n = in.read(ranged, 5, 20);
    seen.add("read(byte[], 5, 20) " + n + " " + hex(ranged, 0, ranged.length));
    seen.add("skip(100) " + in.skip(100));
    seen.add("markSupported " + in.markSupported());
    in.mark(1000);
    seen.add("readNBytes(300) " + HexFormat.of().formatHex(in.readNBytes(300)));
    in.reset();
    byte[] again = new byte[400];
    n = in.readNBytes(again, 50, 300);
    seen.add("after reset, readNBytes(byte[], 50, 300) " + n + " " + hex(again, 0, again.length));
    in.skipNBytes(7);
    seen.add("read() " + in.read());
    byte[] rest = in.readAllBytes();
    seen.add("readAllBytes " + rest.length + " " + HexFormat.of().formatHex(rest));
    seen.add("at the end: read() " + in.read() + ", read(byte[]) " + in.read(buf));
    return seen;
  }

  @ParameterizedTest(name = "dedicated owner: {0}")
  @ValueSource(booleans = {false, true})
  void anInputStreamReadsByteExactly(boolean dedicated) throws Exception {
    Interpreter a = owner(dedicated);
    Interpreter b = interp("b");
    List<String> direct;
    try (InputStream in = new BufferedInputStream(new FileInputStream(SOURCE.toFile()))) {
      direct = readScript(in);
    }
    InputStream p =
        openIn(
            a,
            b,
            () -> new BufferedInputStream(new FileInputStream(SOURCE.toFile())),
            InputStream.class);
    assertTrue(Proxies.isProxy(p), "an InputStream, not a mere Closeable");
    List<String> proxied = b.call(() -> readScript(p));
    assertEquals(direct, proxied);
    b.run(() -> closeUnchecked(p));
    Proxies.release(p);
  }

  /** {@code DataInput}'s out-parameter reads, as {@link #readScript}. */
  private static List<String> dataInputScript(DataInput in) throws IOException {
    List<String> seen = new ArrayList<>();
    byte[] head = new byte[100];
    in.readFully(head);
    seen.add("readFully(byte[100]) " + hex(head, 0, head.length));
    byte[] ranged = new byte[40];
    in.readFully(ranged, 10, 20);
    seen.add("readFully(byte[40], 10, 20) " + hex(ranged, 0, ranged.length));
    seen.add("readInt " + in.readInt() + ", readUnsignedShort " + in.readUnsignedShort());
    seen.add("skipBytes(5) " + in.skipBytes(5) + ", readByte " + in.readByte());
    return seen;
  }

  @Test
  void dataInputReadFullyDeliversTheBytes() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    List<String> direct;
    try (DataInputStream in = new DataInputStream(new FileInputStream(SOURCE.toFile()))) {
      direct = dataInputScript(in);
    }
    InputStream p =
        openIn(
            a,
            b,
            () -> new DataInputStream(new FileInputStream(SOURCE.toFile())),
            InputStream.class);
    assertTrue(p instanceof DataInput, "an InputStream and a DataInput");
    assertEquals(direct, b.call(() -> dataInputScript((DataInput) p)));
    b.run(() -> closeUnchecked(p));
    Proxies.release(p);
  }

  @Test
  void transferToWritesIntoTheCallersOutputStream() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    byte[] expected = Files.readAllBytes(SOURCE);
    InputStream p = openIn(a, b, () -> new FileInputStream(SOURCE.toFile()), InputStream.class);
    ByteArrayOutputStream mine = b.call(ByteArrayOutputStream::new);
    // the owner's transferTo calls back into b's stream, write(byte[], int, int) after write
    long n = b.call(() -> p.transferTo(mine));
    assertEquals(expected.length, n);
    assertArrayEquals(expected, mine.toByteArray());
    b.run(() -> closeUnchecked(p));
    Proxies.release(p);
  }

  /** Every kind of write an {@code OutputStream} offers. */
  private static void writeScript(OutputStream out) throws IOException {
    byte[] source = Files.readAllBytes(SOURCE);
    out.write(source[0]);
    out.write(0x1ff); // only the low eight bits are written
    byte[] chunk = new byte[100];
    System.arraycopy(source, 1, chunk, 0, 100);
    out.write(chunk);
    out.write(source, 101, 1000);
    out.flush();
    try (InputStream in = new FileInputStream(SOURCE.toFile())) {
      in.transferTo(out); // b's stream writes into the owner's, through the proxy
    }
    out.close();
  }

  @ParameterizedTest(name = "dedicated owner: {0}")
  @ValueSource(booleans = {false, true})
  void anOutputStreamWritesByteExactly(boolean dedicated) throws Exception {
    Interpreter a = owner(dedicated);
    Interpreter b = interp("b");
    Path directFile = temp.resolve("direct.bin");
    try (OutputStream out = new BufferedOutputStream(new FileOutputStream(directFile.toFile()))) {
      writeScript(out);
    }
    Path proxiedFile = temp.resolve("proxied.bin");
    OutputStream p =
        openIn(
            a,
            b,
            () -> new BufferedOutputStream(new FileOutputStream(proxiedFile.toFile())),
            OutputStream.class);
    b.run(
        () -> {
          try {
            writeScript(p);
          } catch (IOException e) {
            throw new AssertionError(e);
          }
        });
    assertArrayEquals(Files.readAllBytes(directFile), Files.readAllBytes(proxiedFile));
    Proxies.release(p);
    // and into an in-memory stream the owner keeps
    ByteArrayOutputStream kept = a.call(ByteArrayOutputStream::new);
    OutputStream q = proxyOf(a, b, kept, OutputStream.class);
    b.run(
        () -> {
          try {
            writeScript(q);
          } catch (IOException e) {
            throw new AssertionError(e);
          }
        });
    assertArrayEquals(Files.readAllBytes(directFile), a.call(kept::toByteArray));
    Proxies.release(q);
  }

  /** Every kind of read a {@code Reader} offers, as {@link #readScript}. */
  private static List<String> readerScript(Reader in) throws IOException {
    List<String> seen = new ArrayList<>();
    seen.add("read() " + in.read() + " " + in.read());
    char[] buf = new char[64];
    int n = in.read(buf);
    seen.add("read(char[]) " + n + " " + new String(buf, 0, n));
    char[] ranged = new char[32];
    ranged[0] = '<';
    ranged[31] = '>';
    n = in.read(ranged, 5, 20);
    seen.add("read(char[], 5, 20) " + n + " " + new String(ranged));
    seen.add("skip(100) " + in.skip(100));
    seen.add("ready " + in.ready() + ", markSupported " + in.markSupported());
    in.mark(1000);
    char[] marked = new char[300];
    seen.add("read after mark " + in.read(marked) + " " + new String(marked));
    in.reset();
    CharBuffer target = CharBuffer.allocate(500);
    target.position(10);
    n = in.read(target); // a CharBuffer argument: filled and advanced like an array
    seen.add("after reset, read(CharBuffer) " + n + " at " + target.position() + " "
        + target.flip().position(10));
    StringWriter rest = new StringWriter();
    seen.add("transferTo " + in.transferTo(rest) + " " + rest);
    seen.add("at the end: read() " + in.read() + ", read(char[]) " + in.read(buf));
    return seen;
  }

  @ParameterizedTest(name = "dedicated owner: {0}")
  @ValueSource(booleans = {false, true})
  void aReaderReadsCharExactly(boolean dedicated) throws Exception {
    Interpreter a = owner(dedicated);
    Interpreter b = interp("b");
    assertTrue(Files.readString(UTF8_SOURCE).contains("§"), "the data has non-ASCII text");
    List<String> direct;
    try (Reader in = utf8Reader(UTF8_SOURCE)) {
      direct = readerScript(in);
    }
    Reader p = openIn(a, b, () -> utf8Reader(UTF8_SOURCE), Reader.class);
    assertTrue(Proxies.isProxy(p));
    // b's StringWriter (transferTo) arrives in the owner as a proxy of a Writer, calling back
    List<String> proxied = b.call(() -> readerScript(p));
    assertEquals(direct, proxied);
    b.run(() -> closeUnchecked(p));
    Proxies.release(p);
  }

  private static Reader utf8Reader(Path file) throws IOException {
    return new BufferedReader(
        new InputStreamReader(new FileInputStream(file.toFile()), StandardCharsets.UTF_8));
  }

  /**
   * Reads a channel into buffers of every kind and state, recording what each read returned
   * and the buffer's state and contents afterwards.
   */
  private static List<String> channelScript(ReadableByteChannel ch) throws IOException {
    List<String> seen = new ArrayList<>();
    ByteBuffer heap = ByteBuffer.allocate(100);
    seen.add("read(heap) " + ch.read(heap) + " " + state(heap));
    heap.position(90).limit(95); // only five bytes of room
    seen.add("read(heap, 5 free) " + ch.read(heap) + " " + state(heap));
    ByteBuffer direct = ByteBuffer.allocateDirect(64).order(ByteOrder.LITTLE_ENDIAN);
    direct.position(4).mark().position(8);
    seen.add("read(direct, marked) " + ch.read(direct) + " " + state(direct));
    direct.reset();
    seen.add("reset to the mark: " + direct.position() + " int " + direct.getInt());
    ByteBuffer slice = ByteBuffer.allocate(50).position(20).slice();
    seen.add("read(slice) " + ch.read(slice) + " " + state(slice));
    if (ch instanceof ScatteringByteChannel scattering) {
      ByteBuffer[] parts = {ByteBuffer.allocate(3), ByteBuffer.allocate(0), ByteBuffer.allocate(7)};
      seen.add("read(ByteBuffer[]) " + scattering.read(parts) + " " + state(parts[0]) + " "
          + state(parts[1]) + " " + state(parts[2]));
    }
    ByteBuffer big = ByteBuffer.allocate(1 << 16);
    int n;
    while ((n = ch.read(big)) > 0) {
      seen.add("read(big) " + n);
    }
    seen.add("at the end " + n + " " + state(big));
    return seen;
  }

  /** Position, limit, byte order and all of the contents of {@code b}. */
  private static String state(ByteBuffer b) {
    byte[] all = new byte[b.capacity()];
    b.duplicate().clear().get(all);
    return b + " " + b.order() + " " + HexFormat.of().formatHex(all);
  }

  @ParameterizedTest(name = "dedicated owner: {0}")
  @ValueSource(booleans = {false, true})
  void aReadableByteChannelFillsTheCallersBuffersByteExactly(boolean dedicated) throws Exception {
    Interpreter a = owner(dedicated);
    Interpreter b = interp("b");
    List<String> direct;
    try (FileChannel ch = FileChannel.open(SOURCE)) {
      direct = channelScript(ch);
    }
    ReadableByteChannel p =
        openIn(a, b, () -> FileChannel.open(SOURCE), ReadableByteChannel.class);
    assertTrue(p instanceof ScatteringByteChannel, "a FileChannel's interfaces, all of them");
    assertEquals(direct, b.call(() -> channelScript(p)));
    b.run(() -> closeUnchecked(p));
    Proxies.release(p);
    // a channel over a stream: no scattering reads, the same bytes
    List<String> directOverStream;
    try (ReadableByteChannel ch = Channels.newChannel(new FileInputStream(SOURCE.toFile()))) {
      directOverStream = channelScript(ch);
    }
    ReadableByteChannel q =
        openIn(
            a,
            b,
            () -> Channels.newChannel(new FileInputStream(SOURCE.toFile())),
            ReadableByteChannel.class);
    assertEquals(directOverStream, b.call(() -> channelScript(q)));
    b.run(() -> closeUnchecked(q));
    Proxies.release(q);
  }

  @Test
  void aWritableByteChannelAdvancesTheCallersBufferAndLeavesAReadOnlyOneUntouched()
      throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ByteArrayOutputStream sink = a.call(ByteArrayOutputStream::new);
    WritableByteChannel p =
        openIn(a, b, () -> Channels.newChannel(sink), WritableByteChannel.class);
    byte[] data = Files.readAllBytes(SOURCE);
    b.run(
        () -> {
          try {
            ByteBuffer writable = ByteBuffer.wrap(data, 0, 100);
            assertEquals(100, p.write(writable));
            assertEquals(100, writable.position(), "advanced as the channel left it");
            assertEquals(0, writable.remaining());
            ByteBuffer readOnly = ByteBuffer.wrap(data).asReadOnlyBuffer().position(100);
            readOnly.mark();
            assertEquals(data.length - 100, p.write(readOnly));
            assertEquals(data.length, readOnly.position());
            assertTrue(readOnly.isReadOnly());
            readOnly.reset();
            assertEquals(100, readOnly.position(), "the caller's mark is kept");
          } catch (IOException e) {
            throw new AssertionError(e);
          }
        });
    assertArrayEquals(data, a.call(sink::toByteArray));
    Proxies.release(p);
  }

  @Test
  void aByteBufferSentOverAChannelArrivesAsACopyInTheSameState() throws Exception {
    Interpreter a = interp("a");
    Interpreter b = interp("b");
    ObjChannel ch = ObjChannel.create();
    ByteBuffer sent = ByteBuffer.allocateDirect(16).order(ByteOrder.LITTLE_ENDIAN);
    sent.putInt(0, 42).position(2).mark().position(4).limit(12);
    a.run(() -> ShareablesTest.sendUnchecked(ch, sent));
    sent.putInt(0, -1); // written after the send: the copy keeps 42
    assertEquals(0, a.liveShares(), "a copy pins nothing");
    ByteBuffer got = b.call(() -> ch.recv(ByteBuffer.class));
    assertTrue(got.isDirect());
    assertSame(ByteOrder.LITTLE_ENDIAN, got.order());
    assertEquals(4, got.position());
    assertEquals(12, got.limit());
    assertEquals(42, got.getInt(0));
    got.reset();
    assertEquals(2, got.position(), "the mark came along");
    a.run(() -> ShareablesTest.sendUnchecked(ch, CharBuffer.wrap("read-only text")));
    CharBuffer chars = b.call(() -> ch.recv(CharBuffer.class));
    assertTrue(chars.isReadOnly());
    assertEquals("read-only text", chars.toString());
  }

  private static void closeUnchecked(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
