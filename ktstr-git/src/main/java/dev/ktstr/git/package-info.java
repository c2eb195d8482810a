/** JGit-based commit probe for the project and kernel trees. */
package dev.ktstr.git;
