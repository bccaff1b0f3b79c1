/**
 * What every plugin shares ({@link dev.inn.api.plugin.Plugin}: name, description, settings
 * with defaults) and how a plugin finds other plugins ({@link dev.inn.api.plugin.PluginLookup},
 * injected). Plugins are listed in {@code META-INF/services/<kind interface>} and created by
 * the application's injector, so a constructor annotated with {@code @jakarta.inject.Inject}
 * receives what it declares; a jar may also list its own {@code com.google.inject.Module} in
 * {@code META-INF/services/com.google.inject.Module}.
 */
package dev.inn.api.plugin;
