/**
 * Run layout: run keys and {@code {kernel}-{project_commit}} directory names, the variant hash,
 * sidecar and staging file names and predicates, the canonical flag order, and the UTF-8 byte
 * order upstream sorts by. All pure functions.
 */
package dev.ktstr.api.layout;
