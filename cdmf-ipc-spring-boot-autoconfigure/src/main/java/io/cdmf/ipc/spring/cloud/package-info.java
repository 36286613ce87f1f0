/**
 * Service discovery through Spring Cloud's {@code DiscoveryClient} (Consul, Eureka, Kubernetes, ...).
 */
@NullMarked
package io.cdmf.ipc.spring.cloud;

import org.jspecify.annotations.NullMarked;
