package com.example.sliceapp;

import io.cdmf.ipc.spring.server.IpcServerLifecycle;
import io.cdmf.ipc.spring.test.autoconfigure.IpcTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @IpcTest} from cdmf-ipc-spring-boot-test: the service and its endpoint-less client meet in process.
 */
@IpcTest
class SliceAppTests {

	@Autowired
	private SliceApp.GreeterClient greeter;

	@Autowired
	private ApplicationContext context;

	@Test
	void callsTheServiceInProcessByName() {
		assertThat(this.greeter.greet("slice")).isEqualTo("Hello, slice");
		assertThat(this.context.getBean(IpcServerLifecycle.class).getService("Greeter").orElseThrow().stub()
			.getBoundEndpoints().get(0)).startsWith("inproc://Greeter-");
		assertThat(this.context.getBeanNamesForType(Unrelated.class)).isEmpty();
	}

}
