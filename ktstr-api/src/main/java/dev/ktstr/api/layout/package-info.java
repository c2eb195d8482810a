/** Run layout: run keys and the {@code {kernel}-{project_commit}} directory naming. */
package dev.ktstr.api.layout;
