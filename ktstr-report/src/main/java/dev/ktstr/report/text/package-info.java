/**
 * Text primitives that reproduce upstream's output byte for byte: Rust number formatting,
 * Unicode display width, and the borderless table layout.
 */
package dev.ktstr.report.text;
