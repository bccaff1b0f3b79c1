/** Seeded random draws shared by the methods of the core. */
package dev.inn.core.random;
