package io.cdmf.ipc.rpc;

import java.nio.ByteBuffer;

import io.cdmf.ipc.message.Message;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * The headers a handler reads through {@link ServiceRequest}.
 */
class ServiceRequestTests {

	@Test
	void shouldReadHeadersFromTheRequestMessage() {
		Message message = Message.request("add", ByteBuffer.allocate(0));
		message.getMetadata().setHeader("authorization", "Bearer x").setHeader("traceparent", "00-a-b-01");

		ServiceRequest request = new ServiceRequest(message, 0);

		assertThat(request.getHeader("authorization")).isEqualTo("Bearer x");
		assertThat(request.getHeader("Authorization")).isNull();
		assertThat(request.getHeader("tenant")).isNull();
		assertThat(request.getHeaders()).containsExactly(entry("authorization", "Bearer x"),
				entry("traceparent", "00-a-b-01"));
		assertThatThrownBy(() -> request.getHeaders().put("tenant", "acme"))
			.isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void whenTheRequestHasNoHeadersThenTheyAreEmpty() {
		ServiceRequest request = new ServiceRequest(Message.request("add", ByteBuffer.allocate(0)), 0);

		assertThat(request.getHeaders()).isEmpty();
		assertThat(request.getHeader("authorization")).isNull();
	}

	@Test
	void whenAReusableRequestIsPointedAtAnotherMessageThenItReadsThatMessagesHeaders() {
		Message first = Message.request("a", ByteBuffer.allocate(0));
		first.getMetadata().setHeader("tenant", "one");
		Message second = Message.request("b", ByteBuffer.allocate(0));
		ServiceRequest request = new ServiceRequest();

		assertThat(request.acquire(first, 0)).isTrue();
		assertThat(request.getHeader("tenant")).isEqualTo("one");
		request.release();
		assertThat(request.acquire(second, 0)).isTrue();

		assertThat(request.getHeaders()).isEmpty();
	}

}
