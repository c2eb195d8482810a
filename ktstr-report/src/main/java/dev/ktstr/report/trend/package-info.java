/** Trends: one metric across more than two cohorts of a sidecar pool, per test, with the first threshold crossing. */
package dev.ktstr.report.trend;
