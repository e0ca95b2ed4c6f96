/**
 * Internals shared by the runtime's packages; not exported by the module.
 */
package io.github.busgen.internal;
