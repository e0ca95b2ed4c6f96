/**
 * Introspection data: a runtime description of interfaces ({@link
 * io.github.busgen.introspect.InterfaceInfo} and its members) and its XML form ({@link
 * io.github.busgen.introspect.IntrospectionXml}). Exported objects describe themselves with it;
 * generated skeletons carry it as constants.
 */
package io.github.busgen.introspect;
