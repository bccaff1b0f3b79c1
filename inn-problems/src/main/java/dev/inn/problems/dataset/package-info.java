/** A problem backed by a user's own data set of (x, y) pairs, read from CSV or NPY files. */
package dev.inn.problems.dataset;
