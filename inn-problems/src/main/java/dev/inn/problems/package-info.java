/**
 * The built-in inverse problems: the 8-mode Gaussian mixture, inverse kinematics of an arm on a
 * rail, ballistics with drag, and a problem backed by a user's own data set.
 */
package dev.inn.problems;
