package io.cdmf.ipc.spring.test.autoconfigure;

import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.discovery.simple.StaticDiscovery;
import io.cdmf.ipc.spring.autoconfigure.IpcAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.IpcEndpointResolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for tests: an {@link IpcEndpointResolver} that moves every service and client to
 * {@code inproc://}, so that {@code @IpcService} and {@code @IpcClient} pairs meet in process, and a service registry
 * of the test context alone ({@link StaticDiscovery}), so that a test's services never appear in the registry other
 * processes of the user share (unless the test defines its own {@link ServiceDiscovery} bean).
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = IpcAutoConfiguration.class)
public final class IpcTestAutoConfiguration {

	@Bean
	IpcEndpointResolver inProcessIpcEndpointResolver() {
		return new InProcessIpcEndpointResolver();
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	ServiceDiscovery inProcessIpcServiceDiscovery() {
		return StaticDiscovery.builder().build();
	}

}
