/** Inverse kinematics of an articulated arm on a rail (paper Sec. 4.1). */
package dev.inn.problems.kinematics;
