package org.crossinterp.reliability;

import org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;

/** The model-checking options every channel's linearizability test uses. */
final class ChannelModelChecking {
  private ChannelModelChecking() {}

  /**
   * Model checking with the stack probe run as one step: the probe before a release recurses on
   * purpose (it reserves stack against overflows) and touches no shared state, while the checker
   * would read its recursion as a livelock.
   */
  static ModelCheckingOptions options() {
    return new ModelCheckingOptions()
        .iterations(8)
        .invocationsPerIteration(100)
        .addGuarantee(
            ManagedStrategyGuaranteeKt.forClasses("org.crossinterp.internal.interp.StackReserve")
                .allMethods()
                .ignore());
  }
}
