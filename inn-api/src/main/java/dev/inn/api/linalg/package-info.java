/** Small dense linear algebra shared by plugins and the core: {@link dev.inn.api.linalg.Cholesky}. */
package dev.inn.api.linalg;
