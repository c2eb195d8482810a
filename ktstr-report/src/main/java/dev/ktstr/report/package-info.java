/** Stats pipeline, metric registry, compare and formatters. */
package dev.ktstr.report;
