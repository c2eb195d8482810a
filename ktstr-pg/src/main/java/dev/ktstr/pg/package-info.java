/**
 * PostgreSQL sidecar store and advisory-lock run lock: each sidecar's exact bytes plus indexed
 * dimension columns and a jsonb copy, schema managed by Flyway, connections pooled by HikariCP.
 * See docs/PG.md.
 */
package dev.ktstr.pg;
