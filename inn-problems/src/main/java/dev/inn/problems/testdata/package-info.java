/** Where test observations come from: the model, or a shifted or contaminated one for misspecification checks. */
package dev.inn.problems.testdata;
