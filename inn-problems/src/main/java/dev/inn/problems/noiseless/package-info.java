/** What the problems without measurement noise share: prior, simulator and training pairs from one forward map. */
package dev.inn.problems.noiseless;
