/** Reproducible randomness shared by plugins and the core: {@link dev.inn.api.random.Seeds}. */
package dev.inn.api.random;
