package org.crossinterp.examples;

/**
 * One line of a top-words table: a word and how often it occurs.
 *
 * @param word the word, decoded once for the report
 * @param count its number of occurrences
 */
record WordCount(String word, long count) {}
