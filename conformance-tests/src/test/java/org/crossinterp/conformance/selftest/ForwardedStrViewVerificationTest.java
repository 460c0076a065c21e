package org.crossinterp.conformance.selftest;

import java.nio.charset.StandardCharsets;
import org.crossinterp.Interpreter;
import org.crossinterp.conformance.BufferExporterVerification;
import org.crossinterp.memchannel.MemChannel;
import org.crossinterp.strview.Encoding;
import org.crossinterp.strview.StrView;
import org.junit.jupiter.api.BeforeEach;

/**
 * A StrView over a view received from another interpreter passes the exporter kit too: sending
 * it on forwards shares of the memory it received (each export pins the original sender).
 */
class ForwardedStrViewVerificationTest extends BufferExporterVerification<StrView> {
  private Interpreter source;

  @BeforeEach
  void source() {
    source = newInterpreter("text source");
  }

  @Override
  protected StrView createExporter() {
    MemChannel ch = MemChannel.create();
    in(source, () -> {
      ch.send("forwarded text, sent on".getBytes(StandardCharsets.ISO_8859_1));
      return null;
    });
    try {
      return StrView.of(ch.recv(), Encoding.LATIN1);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
