/** Priors shared by several problems. */
package dev.inn.problems.prior;
