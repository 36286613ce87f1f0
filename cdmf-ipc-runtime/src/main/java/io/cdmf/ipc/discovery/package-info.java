/**
 * Service discovery: the {@link io.cdmf.ipc.discovery.ServiceDiscovery} SPI through which services register the
 * endpoints they listen on and clients find them by name and version.
 */
@NullMarked
package io.cdmf.ipc.discovery;

import org.jspecify.annotations.NullMarked;
