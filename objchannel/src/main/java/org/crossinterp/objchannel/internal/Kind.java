package org.crossinterp.objchannel.internal;

/** How the sharing protocol treats a class, decided once per class. */
enum Kind {
  /** Immutable: crosses as is. */
  VALUE,
  /** {@code Optional}: as is when its content is shareable. */
  OPTIONAL,
  /** An immutable JDK collection: as is when every element is shareable. */
  IMMUTABLE_COLLECTION,
  /** A {@code CrossInterpreterView}: crosses as a new share of the same export. */
  VIEW,
  /** Anything else: a registered sharer, a proxy, or refused. */
  OTHER
}
