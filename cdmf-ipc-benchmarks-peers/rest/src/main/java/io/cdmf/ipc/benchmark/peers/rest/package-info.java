/**
 * Peer: the echo over HTTP/1.1, a Spring MVC controller on Tomcat and a {@code RestClient}, both Boot's defaults.
 */
@NullMarked
package io.cdmf.ipc.benchmark.peers.rest;

import org.jspecify.annotations.NullMarked;
