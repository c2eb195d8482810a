/**
 * The process environment as ktstr-java reads it ({@link dev.ktstr.api.env.Env}): a leaf that
 * every other package, the SPIs included, may depend on without forming a cycle.
 */
package dev.ktstr.api.env;
