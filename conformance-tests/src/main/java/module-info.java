/**
 * The conformance kit: abstract JUnit 5 verifications that type authors extend to prove their
 * {@code BufferExporter}s, {@code Sharer}s, proxied types and channels keep crossinterp's rules,
 * plus ArchUnit rules for their code.
 */
// ArchUnit ships no module descriptor: it is an automatic module
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module org.crossinterp.conformance {
  requires transitive org.crossinterp.objchannel;
  requires transitive org.junit.jupiter.api;
  requires transitive com.tngtech.archunit;

  exports org.crossinterp.conformance;

  opens org.crossinterp.conformance to
      org.junit.platform.commons;
}
