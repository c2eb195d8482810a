/** Progress counters on standard error, shown only on a terminal. A leaf package shared by every command. */
package dev.ktstr.cli.progress;
