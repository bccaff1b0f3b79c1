/**
 * The application's injector ({@link dev.inn.core.inject.Application}): the core's bindings
 * plus the Guice modules plugin jars contribute through {@link java.util.ServiceLoader}.
 */
package dev.inn.core.inject;
