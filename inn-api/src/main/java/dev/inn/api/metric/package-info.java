/**
 * Metrics of posterior quality (MAP error, re-simulation error, calibration, posterior
 * mismatch), computed from posterior samples only. A metric is a plugin of kind "metric".
 */
package dev.inn.api.metric;
