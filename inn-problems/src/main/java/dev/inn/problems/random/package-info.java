/** Seed derivation shared by the problems' samplers. */
package dev.inn.problems.random;
