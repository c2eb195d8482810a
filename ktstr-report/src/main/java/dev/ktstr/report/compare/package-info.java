/**
 * A/B compare of a sidecar pool: per-side filters, pairing, averaging, the dual gate, polarity
 * verdicts, a Mann-Whitney U test where trials allow, and the text and JSON renderings.
 */
package dev.ktstr.report.compare;
