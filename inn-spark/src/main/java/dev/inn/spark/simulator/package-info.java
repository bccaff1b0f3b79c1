/** A simulator whose rows are simulated by Spark tasks, for the rounds of {@code inn spark infer}. */
package dev.inn.spark.simulator;
