package org.crossinterp.conformance.selftest;

import org.crossinterp.conformance.BufferExporterVerification;
import org.crossinterp.strview.StrView;

/** StrView.encode(...) is a BufferExporter and passes the exporter kit (it is read-only: 2.9 is skipped). */
class StrViewVerificationTest extends BufferExporterVerification<StrView> {
  @Override
  protected StrView createExporter() {
    return StrView.encode("zero-copy text, ünïcödé and Ελληνικά");
  }
}
