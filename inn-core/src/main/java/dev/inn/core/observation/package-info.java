/** Ragged observations (sets and sequences as padded rows with lengths): checks and reshaping. */
package dev.inn.core.observation;
