/**
 * Service-provider interfaces. Each provider names itself, states a priority, and says
 * whether it can run here; {@link dev.ktstr.api.Providers} picks one per SPI.
 */
package dev.ktstr.api.spi;
