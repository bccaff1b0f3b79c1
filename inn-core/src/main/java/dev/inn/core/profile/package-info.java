/** Opt-in timing of training steps by part, for the speed benchmark's profile table. */
package dev.inn.core.profile;
