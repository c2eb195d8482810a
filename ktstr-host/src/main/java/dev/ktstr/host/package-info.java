/**
 * The Linux host probe: host context collection and kernel identity. Not exported; the provider
 * is {@link dev.ktstr.host.LinuxHostProbe}, found through {@link dev.ktstr.api.Providers}.
 */
package dev.ktstr.host;
