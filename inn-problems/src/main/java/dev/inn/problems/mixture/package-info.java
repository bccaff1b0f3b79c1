/** The 8-mode Gaussian mixture with class labels (paper Sec. 4.1). */
package dev.inn.problems.mixture;
