/** See {@link dev.inn.spark}. */
package dev.inn.spark.cli;
