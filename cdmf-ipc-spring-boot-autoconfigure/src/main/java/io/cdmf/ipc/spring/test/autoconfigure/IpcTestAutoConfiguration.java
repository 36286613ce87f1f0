package io.cdmf.ipc.spring.test.autoconfigure;

import io.cdmf.ipc.spring.autoconfigure.IpcAutoConfiguration;
import io.cdmf.ipc.spring.autoconfigure.IpcEndpointResolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for tests: an {@link IpcEndpointResolver} that moves every service and client to
 * {@code inproc://}, so that {@code @IpcService} and {@code @IpcClient} pairs meet in process.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = IpcAutoConfiguration.class)
public final class IpcTestAutoConfiguration {

	@Bean
	IpcEndpointResolver inProcessIpcEndpointResolver() {
		return new InProcessIpcEndpointResolver();
	}

}
