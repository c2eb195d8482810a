/**
 * Entry points: {@link dev.ktstr.api.Providers} selects the provider of each SPI, and
 * {@link dev.ktstr.api.KtstrException} is the unchecked failure of this module family.
 */
package dev.ktstr.api;
