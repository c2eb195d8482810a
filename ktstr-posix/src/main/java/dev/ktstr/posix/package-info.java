/** Run lock over real {@code flock(2)}, remote-filesystem refusal and lock-holder reports. */
package dev.ktstr.posix;
