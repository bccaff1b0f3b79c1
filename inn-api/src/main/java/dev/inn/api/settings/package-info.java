/** Typed, immutable plugin settings ({@link dev.inn.api.settings.Settings}) and the error that names a bad one. */
package dev.inn.api.settings;
