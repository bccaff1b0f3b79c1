/**
 * Optional Apache Spark support: simulation stores filled by Spark tasks, rejection ABC over a
 * store's chunks for many observations, and the {@code inn spark} command line. Nothing else in
 * the project depends on this module; its jars live in its own {@code target/lib}.
 */
package dev.inn.spark;
