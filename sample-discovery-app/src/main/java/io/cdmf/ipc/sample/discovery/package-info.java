/**
 * The guide's example 3 on the Spring-free runtime: {@code DataProcessor} instances that listen on several transports
 * and register themselves in a registry, and a client that finds them by service name and version alone.
 */
@NullMarked
package io.cdmf.ipc.sample.discovery;

import org.jspecify.annotations.NullMarked;
