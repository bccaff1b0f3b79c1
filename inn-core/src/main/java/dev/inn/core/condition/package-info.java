/** Built-in conditioning networks for the conditional INN. */
package dev.inn.core.condition;
