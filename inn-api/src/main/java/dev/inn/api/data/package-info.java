/** The arrays at every plugin boundary: {@link dev.inn.api.data.Matrix} (rows are samples) and paired (x, y) {@link dev.inn.api.data.Dataset}s. */
package dev.inn.api.data;
