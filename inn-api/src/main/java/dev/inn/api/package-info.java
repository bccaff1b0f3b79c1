/**
 * The plugin interfaces of inn: what a third-party problem, posterior method, invertible block,
 * condition network, kernel or metric compiles against. Implementations are listed in
 * {@code META-INF/services/<kind interface>} and created by the application's injector
 * (see {@link dev.inn.api.plugin}); built-ins have no privilege over plugins.
 */
package dev.inn.api;
