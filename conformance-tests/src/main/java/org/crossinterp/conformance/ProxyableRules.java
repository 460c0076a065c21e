package org.crossinterp.conformance;

/**
 * The rules a type reached through proxies keeps (DESIGN §5 rule 3), one test each in {@link
 * ProxyableVerification}. Each rule says what to check when it fails.
 */
public interface ProxyableRules {
  /**
   * Rule 5.10: every method of the interface, called on the proxy, reaches the object. If this
   * fails, check that {@code exercise} calls every method, and that the type is public and its
   * package exported.
   *
   * @throws Exception on failure
   */
  void required_rule5_10_everyMethodReachesTheObject() throws Exception;

  /**
   * Rule 5.11: every call runs in the owning interpreter, on the calling thread, and does its
   * work there: the object starts no threads of its own (the kit compares the live platform
   * threads before the object is created and after it was called, leaving out the JVM's, the
   * JDK's shared pools and crossinterp's own). If this fails, check that your type does not hand work to threads or executors of
   * its own: that work would run outside the owning interpreter, concurrently with it.
   *
   * @throws Exception on failure
   */
  void required_rule5_11_callsRunInTheOwnerOnTheCallingThread() throws Exception;

  /**
   * Rule 5.12: {@code equals}, {@code hashCode} and {@code toString} of the proxy are the
   * object's, and the proxy equals itself as the object does (the argument arrives in the owner
   * as the object itself). If this fails, check that these methods are deterministic and do
   * not depend on the calling interpreter or thread.
   *
   * @throws Exception on failure
   */
  void required_rule5_12_equalsHashCodeAndToStringAreTheObjects() throws Exception;

  /**
   * Rule 5.13: the same object sent twice arrives as the same proxy, with refcount 2. If this
   * fails, check that you send the object itself, not a copy.
   *
   * @throws Exception on failure
   */
  void required_rule5_13_sameObjectArrivesAsTheSameProxy() throws Exception;

  /**
   * Rule 5.14: releasing the proxy's last reference drops the owner's strong reference; the
   * proxy then refuses calls. If this fails, check for proxies your type stores in the owner.
   *
   * @throws Exception on failure
   */
  void required_rule5_14_releaseDropsTheOwnersReference() throws Exception;

  /**
   * Rule 5.15: a proxy sent back to its owner arrives as the original object. If this fails,
   * check that the object's class does not wrap itself when sent.
   *
   * @throws Exception on failure
   */
  void required_rule5_15_proxySentHomeArrivesAsTheObject() throws Exception;

  /**
   * Rule 5.17: once the owning interpreter is closed, every call through the proxy ({@code
   * equals}, {@code hashCode}, {@code toString} and every method {@code exercise} calls) throws
   * {@code InterpreterClosedException}, and releasing the proxy still drops the owner's
   * reference. If this fails, check that {@code exercise} lets exceptions through, and that no
   * method of your type is answered by the proxy itself (default or final methods).
   *
   * @throws Exception on failure
   */
  void required_rule5_17_callsAfterTheOwnerClosedFail() throws Exception;

  /**
   * Rule 5.16 (optional: needs {@link ProxyableVerification#callThatThrows}): an exception
   * thrown by the object reaches the caller with its own type. If this fails, check that the
   * exception type is public.
   *
   * @throws Exception on failure
   */
  void optional_rule5_16_exceptionsKeepTheirType() throws Exception;
}
