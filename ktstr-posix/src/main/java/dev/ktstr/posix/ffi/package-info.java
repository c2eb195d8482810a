/** jnr-ffi binding of libc calls missing from jnr-posix; opened to jnr-ffi's generated classes only by necessity. */
package dev.ktstr.posix.ffi;
