/**
 * The plugin interfaces of inn: what a third-party problem, invertible block, kernel,
 * divergence, posterior method or metric compiles against. Implementations are found by a
 * stable name through {@link java.util.ServiceLoader}; built-ins have no privilege over
 * plugins.
 */
package dev.inn.api;
