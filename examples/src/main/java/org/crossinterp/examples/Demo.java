package org.crossinterp.examples;

public class Demo {
  public static void main(String[] args) {
    System.out.println("java " + Runtime.version() + " args=" + java.util.Arrays.toString(args));
  }
}
