/**
 * The {@code external} problem: a simulator written in any language, run as long-lived worker
 * processes that exchange batches of x and y over standard input and output, with a prior
 * declared per parameter.
 */
package dev.inn.problems.external;
