/**
 * Conditioning networks h(y): what the conditional INN feeds to every coupling subnet in
 * place of the raw observation. A plugin of kind "condition" can add a summary network for
 * large or structured observations (a 1-D convolution over a time series, a deep set over
 * exchangeable points) without touching the method.
 */
package dev.inn.api.condition;
