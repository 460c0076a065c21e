package org.crossinterp.examples.authors;

import java.nio.charset.StandardCharsets;
import org.crossinterp.conformance.BufferExporterVerification;

/** The worked example passes the conformance kit: every rule of BufferExporterRules. */
public class RingBufferConformanceTest extends BufferExporterVerification<RingBuffer> {
  @Override
  protected RingBuffer createExporter() {
    RingBuffer ring = RingBuffer.allocate(256);
    ring.append("GET /index.html 200\n".getBytes(StandardCharsets.US_ASCII));
    return ring;
  }

  @Override
  protected boolean write(RingBuffer exporter, long offset, byte value) {
    exporter.set(offset, value);
    return true;
  }
}
