/**
 * Peer: the echo on Apache Dubbo 3.3's plain API ({@code DubboBootstrap}, no Spring: Dubbo's Spring Boot starter
 * targets Boot 3), over the classic {@code dubbo} protocol or {@code tri}, a direct URL and no registry.
 */
@NullMarked
package io.cdmf.ipc.benchmark.peers.dubbo;

import org.jspecify.annotations.NullMarked;
