package org.crossinterp.conformance.selftest;

import java.lang.foreign.ValueLayout;
import org.crossinterp.conformance.BufferExporterVerification;
import org.crossinterp.memchannel.SharedBuffer;

/** SharedBuffer passes the whole exporter kit, zero-copy rule 2.9 included. */
class SharedBufferVerificationTest extends BufferExporterVerification<SharedBuffer> {
  @Override
  protected SharedBuffer createExporter() {
    SharedBuffer b = SharedBuffer.allocate(256);
    for (int i = 0; i < 256; i++) {
      b.segment().set(ValueLayout.JAVA_BYTE, i, (byte) i);
    }
    return b;
  }

  @Override
  protected boolean write(SharedBuffer exporter, long offset, byte value) {
    exporter.segment().set(ValueLayout.JAVA_BYTE, offset, value);
    return true;
  }
}
