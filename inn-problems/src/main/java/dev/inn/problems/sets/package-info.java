/**
 * Problems whose observation is a set of exchangeable values of varying size: a normal
 * location-scale model with a conjugate prior, whose posterior is known in closed form.
 */
package dev.inn.problems.sets;
