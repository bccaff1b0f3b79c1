/** Ballistics with drag: where does a projectile land (Kruse et al. 2021). */
package dev.inn.problems.ballistics;
