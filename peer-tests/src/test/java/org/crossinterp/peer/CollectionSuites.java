package org.crossinterp.peer;

import com.google.common.collect.testing.ListTestSuiteBuilder;
import com.google.common.collect.testing.MapTestSuiteBuilder;
import com.google.common.collect.testing.NavigableMapTestSuiteBuilder;
import com.google.common.collect.testing.NavigableSetTestSuiteBuilder;
import com.google.common.collect.testing.QueueTestSuiteBuilder;
import com.google.common.collect.testing.SetTestSuiteBuilder;
import com.google.common.collect.testing.TestStringListGenerator;
import com.google.common.collect.testing.TestStringMapGenerator;
import com.google.common.collect.testing.TestStringQueueGenerator;
import com.google.common.collect.testing.TestStringSetGenerator;
import com.google.common.collect.testing.TestStringSortedMapGenerator;
import com.google.common.collect.testing.TestStringSortedSetGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.ListFeature;
import com.google.common.collect.testing.features.MapFeature;
import com.google.common.collect.testing.features.SetFeature;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import junit.framework.Test;
import junit.framework.TestSuite;

/**
 * Guava's testlib suites for nine JDK collections, placed by a {@link Placement}.
 *
 * <p><b>Feature sets.</b> Each collection declares exactly the features Guava's own {@code
 * TestsFor*InJavaUtil} declare for the JDK class (plus {@code ALLOWS_NULL_QUERIES} for {@code
 * ArrayDeque}, whose {@code contains(null)} and {@code remove(null)} answer false), with one
 * exception the same for every placement: no {@code SERIALIZABLE}. A proxy stands for an object
 * that stays in its owner interpreter; Java serialization of it could only write either a handle
 * (meaningless in another process, or once the owner is closed) or a snapshot copy of the
 * owner's object (then the deserialized object is a detached plain collection, not the collection
 * the proxy stood for, and writing it from the receiver would read the owner's object outside its
 * interpreter). Neither is what {@code SERIALIZABLE} promises ("reserialize gives an equal,
 * equally behaving collection"), so the proxied suites do not claim it, and the baseline declares
 * the same features so that it proves exactly the feature sets the proxies are held to. Nothing
 * is suppressed.
 *
 * <p>Each generator hands the collection's contents to {@code make}, which runs in the owner; the
 * arrays are copied first, so the owner never sees an array the test keeps using.
 */
final class CollectionSuites {
  private CollectionSuites() {}

  /** Every collection's suite, each counted on its own by {@link CountedSuite}. */
  static TestSuite all(Placement p) {
    TestSuite suite = new TestSuite(p.label());
    suite.addTest(counted("ArrayList", p, arrayList(p)));
    suite.addTest(counted("LinkedList", p, linkedList(p)));
    suite.addTest(counted("LinkedList as Queue", p, linkedListQueue(p)));
    suite.addTest(counted("HashSet", p, hashSet(p)));
    suite.addTest(counted("LinkedHashSet", p, linkedHashSet(p)));
    suite.addTest(counted("TreeSet", p, treeSet(p)));
    suite.addTest(counted("HashMap", p, hashMap(p)));
    suite.addTest(counted("LinkedHashMap", p, linkedHashMap(p)));
    suite.addTest(counted("TreeMap", p, treeMap(p)));
    suite.addTest(counted("ArrayDeque", p, arrayDeque(p)));
    return suite;
  }

  private static Test counted(String collection, Placement p, Test tests) {
    return new CountedSuite(collection, p, tests);
  }

  private static String name(String collection, Placement p) {
    return collection + " @ " + p.label();
  }

  static Test arrayList(Placement p) {
    return ListTestSuiteBuilder.using(lists(p, ArrayList::new))
        .named(name("ArrayList", p))
        .withFeatures(
            ListFeature.GENERAL_PURPOSE,
            CollectionFeature.ALLOWS_NULL_VALUES,
            CollectionFeature.FAILS_FAST_ON_CONCURRENT_MODIFICATION,
            CollectionSize.ANY)
        .createTestSuite();
  }

  static Test linkedList(Placement p) {
    return ListTestSuiteBuilder.using(lists(p, LinkedList::new))
        .named(name("LinkedList", p))
        .withFeatures(
            ListFeature.GENERAL_PURPOSE,
            CollectionFeature.ALLOWS_NULL_VALUES,
            CollectionFeature.FAILS_FAST_ON_CONCURRENT_MODIFICATION,
            CollectionSize.ANY)
        .createTestSuite();
  }

  /** LinkedList's Queue behaviour, received as a Deque (its collection behaviour: above). */
  static Test linkedListQueue(Placement p) {
    return QueueTestSuiteBuilder.using(queues(p, LinkedList::new))
        .named(name("LinkedList as Queue", p))
        .withFeatures(
            CollectionFeature.GENERAL_PURPOSE,
            CollectionFeature.ALLOWS_NULL_VALUES,
            CollectionFeature.KNOWN_ORDER,
            CollectionSize.ANY)
        .skipCollectionTests()
        .createTestSuite();
  }

  static Test hashSet(Placement p) {
    return SetTestSuiteBuilder.using(sets(p, HashSet::new))
        .named(name("HashSet", p))
        .withFeatures(
            SetFeature.GENERAL_PURPOSE,
            CollectionFeature.ALLOWS_NULL_VALUES,
            CollectionFeature.FAILS_FAST_ON_CONCURRENT_MODIFICATION,
            CollectionSize.ANY)
        .createTestSuite();
  }

  static Test linkedHashSet(Placement p) {
    return SetTestSuiteBuilder.using(sets(p, LinkedHashSet::new))
        .named(name("LinkedHashSet", p))
        .withFeatures(
            SetFeature.GENERAL_PURPOSE,
            CollectionFeature.ALLOWS_NULL_VALUES,
            CollectionFeature.KNOWN_ORDER,
            CollectionFeature.FAILS_FAST_ON_CONCURRENT_MODIFICATION,
            CollectionSize.ANY)
        .createTestSuite();
  }

  static Test treeSet(Placement p) {
    return NavigableSetTestSuiteBuilder.using(
            new TestStringSortedSetGenerator() {
              @Override
              protected SortedSet<String> create(String[] elements) {
                List<String> contents = Arrays.asList(elements.clone());
                return p.<NavigableSet<String>>place(
                    NavigableSet.class, () -> new TreeSet<>(contents));
              }
            })
        .named(name("TreeSet", p))
        .withFeatures(
            SetFeature.GENERAL_PURPOSE,
            CollectionFeature.KNOWN_ORDER,
            CollectionFeature.FAILS_FAST_ON_CONCURRENT_MODIFICATION,
            CollectionSize.ANY)
        .createTestSuite();
  }

  static Test hashMap(Placement p) {
    return MapTestSuiteBuilder.using(maps(p, HashMap::new))
        .named(name("HashMap", p))
        .withFeatures(
            MapFeature.GENERAL_PURPOSE,
            MapFeature.ALLOWS_NULL_KEYS,
            MapFeature.ALLOWS_NULL_VALUES,
            MapFeature.ALLOWS_ANY_NULL_QUERIES,
            MapFeature.FAILS_FAST_ON_CONCURRENT_MODIFICATION,
            CollectionFeature.SUPPORTS_ITERATOR_REMOVE,
            CollectionSize.ANY)
        .createTestSuite();
  }

  static Test linkedHashMap(Placement p) {
    return MapTestSuiteBuilder.using(maps(p, LinkedHashMap::new))
        .named(name("LinkedHashMap", p))
        .withFeatures(
            MapFeature.GENERAL_PURPOSE,
            MapFeature.ALLOWS_NULL_KEYS,
            MapFeature.ALLOWS_NULL_VALUES,
            MapFeature.ALLOWS_ANY_NULL_QUERIES,
            MapFeature.FAILS_FAST_ON_CONCURRENT_MODIFICATION,
            CollectionFeature.SUPPORTS_ITERATOR_REMOVE,
            CollectionFeature.KNOWN_ORDER,
            CollectionSize.ANY)
        .createTestSuite();
  }

  static Test treeMap(Placement p) {
    return NavigableMapTestSuiteBuilder.using(
            new TestStringSortedMapGenerator() {
              @Override
              protected SortedMap<String, String> create(Entry<String, String>[] entries) {
                Contents c = new Contents(entries);
                return p.<NavigableMap<String, String>>place(
                    NavigableMap.class, () -> c.into(new TreeMap<>()));
              }
            })
        .named(name("TreeMap", p))
        .withFeatures(
            MapFeature.GENERAL_PURPOSE,
            MapFeature.ALLOWS_NULL_VALUES,
            MapFeature.FAILS_FAST_ON_CONCURRENT_MODIFICATION,
            CollectionFeature.SUPPORTS_ITERATOR_REMOVE,
            CollectionFeature.KNOWN_ORDER,
            CollectionSize.ANY)
        .createTestSuite();
  }

  static Test arrayDeque(Placement p) {
    return QueueTestSuiteBuilder.using(queues(p, ArrayDeque::new))
        .named(name("ArrayDeque", p))
        .withFeatures(
            CollectionFeature.GENERAL_PURPOSE,
            CollectionFeature.KNOWN_ORDER,
            CollectionFeature.ALLOWS_NULL_QUERIES,
            CollectionSize.ANY)
        .createTestSuite();
  }

  /** A generator of lists made by {@code copy} (a copy constructor) in the owner. */
  private static TestStringListGenerator lists(
      Placement p, java.util.function.Function<List<String>, List<String>> copy) {
    return new TestStringListGenerator() {
      @Override
      protected List<String> create(String[] elements) {
        List<String> contents = Arrays.asList(elements.clone());
        return p.<List<String>>place(List.class, () -> copy.apply(contents));
      }
    };
  }

  private static TestStringSetGenerator sets(
      Placement p, java.util.function.Function<List<String>, Set<String>> copy) {
    return new TestStringSetGenerator() {
      @Override
      protected Set<String> create(String[] elements) {
        List<String> contents = Arrays.asList(elements.clone());
        return p.<Set<String>>place(Set.class, () -> copy.apply(contents));
      }
    };
  }

  /** Queues received as Deque: both ArrayDeque and LinkedList are deques. */
  private static TestStringQueueGenerator queues(
      Placement p, java.util.function.Function<List<String>, Deque<String>> copy) {
    return new TestStringQueueGenerator() {
      @Override
      protected Queue<String> create(String[] elements) {
        List<String> contents = Arrays.asList(elements.clone());
        return p.<Deque<String>>place(Deque.class, () -> copy.apply(contents));
      }
    };
  }

  private static TestStringMapGenerator maps(Placement p, Supplier<Map<String, String>> empty) {
    return new TestStringMapGenerator() {
      @Override
      protected Map<String, String> create(Entry<String, String>[] entries) {
        Contents c = new Contents(entries);
        return p.<Map<String, String>>place(Map.class, () -> c.into(empty.get()));
      }
    };
  }

  /** A map's contents as two arrays of strings, taken in the tests' interpreter. */
  private static final class Contents {
    private final String[] keys;
    private final String[] values;

    Contents(Entry<String, String>[] entries) {
      keys = new String[entries.length];
      values = new String[entries.length];
      for (int i = 0; i < entries.length; i++) {
        keys[i] = entries[i].getKey();
        values[i] = entries[i].getValue();
      }
    }

    /** Puts the entries in order (a later duplicate key replaces, as Guava's populate does). */
    <M extends Map<String, String>> M into(M map) {
      for (int i = 0; i < keys.length; i++) {
        map.put(keys[i], values[i]);
      }
      return map;
    }
  }
}
