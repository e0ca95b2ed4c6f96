/**
 * How a D-Bus connection reaches its peer: {@link io.github.busgen.transport.BusAddress} and
 * {@link io.github.busgen.transport.AddressEntry} parse and format addresses (specification,
 * "Server Addresses"), {@link io.github.busgen.transport.Transport} connects a client over a unix
 * socket file or TCP, and {@link io.github.busgen.transport.TransportListener} listens for
 * peer-to-peer clients. Channels are plain blocking {@link java.nio.channels.SocketChannel}s;
 * authentication ({@code io.github.busgen.auth}) runs over them next.
 */
package io.github.busgen.transport;
