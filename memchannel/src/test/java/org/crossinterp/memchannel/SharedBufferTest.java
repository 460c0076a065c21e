package org.crossinterp.memchannel;

import static org.crossinterp.memchannel.TestSupport.assertNoLiveShares;
import static org.crossinterp.memchannel.TestSupport.await;
import static org.crossinterp.memchannel.TestSupport.recvIn;
import static org.crossinterp.memchannel.TestSupport.sendFrom;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crossinterp.BufferExportedException;
import org.crossinterp.Interpreter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link SharedBuffer}: the JVM's bytearray, resizable only while nobody holds a view of it. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SharedBufferTest {

  private static void fill(MemorySegment s) {
    for (int i = 0; i < s.byteSize(); i++) {
      s.set(ValueLayout.JAVA_BYTE, i, (byte) (i + 1));
    }
  }

  @Test
  void allocateGivesZeroedMemoryOwnedByTheCallersInterpreter() throws Exception {
    try (Interpreter a = Interpreter.create()) {
      try (SharedBuffer sb = a.call(() -> SharedBuffer.allocate(24))) {
        assertEquals(24, sb.byteSize());
        assertEquals(24, sb.segment().byteSize());
        assertFalse(sb.segment().isReadOnly(), "the owner writes it");
        assertArrayEquals(new byte[24], sb.segment().toArray(ValueLayout.JAVA_BYTE));
        assertEquals(a, sb.owner());
        assertEquals(0, sb.exports());
        assertFalse(sb.isClosed());
      }
      try (SharedBuffer outside = SharedBuffer.allocate(1)) {
        assertEquals(Interpreter.main(), outside.owner());
      }
    }
  }

  @Test
  void negativeSizesAreRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SharedBuffer.allocate(-1));
    assertTrue(e.getMessage().contains("negative"), e.getMessage());
    assertTrue(e.getMessage().contains("0 or more"), "names the fix: " + e.getMessage());
    try (SharedBuffer sb = SharedBuffer.allocate(4)) {
      assertThrows(IllegalArgumentException.class, () -> sb.resize(-5));
      assertEquals(4, sb.byteSize());
    }
  }

  @Test
  void exportsCountsSendsNotViews() throws Exception {
    try (Interpreter a = Interpreter.create(); Interpreter b = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      try (SharedBuffer sb = a.call(() -> SharedBuffer.allocate(8))) {
        sendFrom(a, ch, sb);
        sendFrom(a, ch, sb);
        assertEquals(2, sb.exports());
        CrossInterpreterView v1 = recvIn(b, ch);
        CrossInterpreterView v2 = recvIn(b, ch);
        CrossInterpreterView v1s = v1.share();
        CrossInterpreterView v2s = v2.slice(0, 4);
        assertEquals(2, sb.exports());
        v1.release();
        assertEquals(2, sb.exports());
        v1s.release();
        assertEquals(1, sb.exports());
        v2.release();
        v2s.release();
        assertEquals(0, sb.exports());
      }
      assertNoLiveShares(a, b);
    }
  }

  @Test
  void resizeIsRefusedWhileExportedAndChangesNothing() throws Exception {
    try (Interpreter a = Interpreter.create(); Interpreter b = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      try (SharedBuffer sb = a.call(() -> SharedBuffer.allocate(8))) {
        fill(sb.segment());
        MemorySegment before = sb.segment();
        sendFrom(a, ch, sb);
        CrossInterpreterView v = recvIn(b, ch);
        for (long size : new long[] {4, 8, 64, 0}) {
          BufferExportedException e =
              assertThrows(BufferExportedException.class, () -> a.run(() -> sb.resize(size)));
          assertTrue(e.getMessage().contains("1 export"), e.getMessage());
          assertTrue(e.getMessage().contains("release"), "names the fix: " + e.getMessage());
        }
        assertEquals(8, sb.byteSize());
        assertEquals(before.address(), sb.segment().address(), "memory moved under a view");
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, v.toByteArray());
        assertEquals(1, sb.exports());
        v.release();

        sb.resize(12);
        assertEquals(12, sb.byteSize());
        assertArrayEquals(
            new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0},
            sb.segment().toArray(ValueLayout.JAVA_BYTE),
            "growing keeps the bytes and zeroes the tail");
        assertThrows(IllegalStateException.class, () -> before.get(ValueLayout.JAVA_BYTE, 0),
            "the old memory is freed by a resize");
        sb.resize(3);
        assertArrayEquals(new byte[] {1, 2, 3}, sb.segment().toArray(ValueLayout.JAVA_BYTE));

        // The resized buffer is sent with its new size.
        sendFrom(a, ch, sb);
        try (CrossInterpreterView w = recvIn(b, ch)) {
          assertArrayEquals(new byte[] {1, 2, 3}, w.toByteArray());
        }
      }
      assertNoLiveShares(a, b);
    }
  }

  @Test
  void onAllSharesReleasedRunsOnceInTheOwnerAfterTheLastView() throws Exception {
    try (Interpreter owner = Interpreter.create("owner");
        Interpreter sender = Interpreter.create("sender");
        Interpreter b = Interpreter.create("reader")) {
      MemChannel ch = MemChannel.create();
      SharedBuffer sb = owner.call(() -> SharedBuffer.allocate(8));
      sendFrom(sender, ch, sb);
      sendFrom(owner, ch, sb);
      List<Interpreter> ranIn = new CopyOnWriteArrayList<>();
      sb.onAllSharesReleased(() -> ranIn.add(Interpreter.current()));
      sb.onAllSharesReleased(() -> ranIn.add(Interpreter.current()));
      CrossInterpreterView v1 = recvIn(b, ch);
      CrossInterpreterView v2 = recvIn(b, ch);
      v1.release();
      assertEquals(List.of(), ranIn, "ran while an export was live");
      b.run(v2::release);
      await(() -> "hooks ran " + ranIn, () -> ranIn.size() == 2);
      assertEquals(List.of(owner, owner), ranIn, "hooks run in the owner");

      // One-shot: a later release cycle does not run them again.
      sendFrom(owner, ch, sb);
      recvIn(b, ch).release();
      assertEquals(2, ranIn.size());

      // No export live: runs at once.
      sb.onAllSharesReleased(() -> ranIn.add(Interpreter.current()));
      await(() -> "immediate hook ran " + ranIn, () -> ranIn.size() == 3);
      assertEquals(owner, ranIn.get(2));
      assertThrows(NullPointerException.class, () -> sb.onAllSharesReleased(null));
      sb.close();
      assertNoLiveShares(owner, sender, b);
    }
  }

  @Test
  void closeIsDeferredWhileExportedAndFreesAfterTheLastView() throws Exception {
    try (Interpreter a = Interpreter.create(); Interpreter b = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      SharedBuffer sb = a.call(() -> SharedBuffer.allocate(4));
      MemorySegment ownerSegment = sb.segment();
      fill(ownerSegment);
      sendFrom(a, ch, sb);
      CrossInterpreterView v = recvIn(b, ch);
      CrossInterpreterView s = v.share();
      MemorySegment readerSegment = s.segment();

      a.run(sb::close);
      assertTrue(sb.isClosed());
      assertThrows(IllegalStateException.class, sb::segment);
      assertThrows(IllegalStateException.class, () -> sb.resize(8));
      assertThrows(IllegalStateException.class, () -> sendFrom(a, ch, sb));
      assertEquals(1, sb.exports());
      assertArrayEquals(new byte[] {1, 2, 3, 4}, v.toByteArray(), "freed under a reader");
      v.release();
      assertEquals(4, readerSegment.get(ValueLayout.JAVA_BYTE, 3), "freed before the last view");
      b.run(s::release);

      assertEquals(0, sb.exports());
      IllegalStateException freed =
          assertThrows(IllegalStateException.class, () -> readerSegment.get(ValueLayout.JAVA_BYTE, 0));
      assertTrue(freed.getMessage().contains("closed"), freed.getMessage());
      assertThrows(IllegalStateException.class, () -> ownerSegment.get(ValueLayout.JAVA_BYTE, 0));
      sb.close(); // idempotent
      assertNoLiveShares(a, b);
    }
  }

  @Test
  void closeWithoutExportsFreesAtOnce() {
    SharedBuffer sb = SharedBuffer.allocate(4);
    MemorySegment s = sb.segment();
    sb.close();
    assertThrows(IllegalStateException.class, () -> s.get(ValueLayout.JAVA_BYTE, 0));
    assertThrows(IllegalStateException.class, sb::acquireExport);
    assertEquals(4, sb.byteSize());
    assertTrue(sb.toString().contains("closed"), sb.toString());
    sb.close();
  }

  @Test
  void theExportProtocolIsCheckedByTheBuffer() {
    try (SharedBuffer sb = SharedBuffer.allocate(4)) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> sb.releaseExport(sb.segment()));
      assertTrue(e.getMessage().contains("without a matching acquireExport"), e.getMessage());
      MemorySegment exported = sb.acquireExport();
      assertTrue(exported.isReadOnly(), "others get read-only memory");
      assertEquals(sb.segment().address(), exported.address());
      assertEquals(1, sb.exports());
      sb.releaseExport(exported);
      assertEquals(0, sb.exports());
    }
  }

  @Test
  void writesByTheOwnerAreSeenThroughViews() throws Exception {
    try (Interpreter a = Interpreter.create(); Interpreter b = Interpreter.create()) {
      MemChannel ch = MemChannel.create();
      try (SharedBuffer sb = a.call(() -> SharedBuffer.allocate(8))) {
        sendFrom(a, ch, sb);
        try (CrossInterpreterView v = recvIn(b, ch)) {
          a.run(() -> sb.segment().set(ValueLayout.JAVA_LONG_UNALIGNED, 0, 0x1122334455667788L));
          assertEquals(
              0x1122334455667788L,
              (long) b.call(() -> v.segment().get(ValueLayout.JAVA_LONG_UNALIGNED, 0)));
          assertThrows(
              IllegalArgumentException.class,
              () -> v.segment().set(ValueLayout.JAVA_BYTE, 0, (byte) 0));
        }
      }
      assertNoLiveShares(a, b);
    }
  }
}
