/**
 * JGit-based commit probe for the project and kernel trees, with {@code safe.directory} trust
 * and revspec expansion. Not exported; the provider is {@link dev.ktstr.git.JGitCommitProbe},
 * found through {@link dev.ktstr.api.Providers}.
 */
package dev.ktstr.git;
