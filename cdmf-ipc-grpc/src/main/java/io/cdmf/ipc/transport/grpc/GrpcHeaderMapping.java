package io.cdmf.ipc.transport.grpc;

import java.util.Set;
import java.util.TreeSet;

import io.cdmf.ipc.message.Message;
import io.cdmf.ipc.message.MessageHeader;
import io.cdmf.ipc.message.MessageMetadata;
import io.grpc.Metadata;

/**
 * Turns the request headers of a call from a standard gRPC client (one that sends no envelope) into message headers,
 * so that a handler and the server's interceptors read {@code authorization}, {@code traceparent} or a tenant id the
 * same way whichever transport the request came by.
 * <p>
 * Every ASCII header is taken, under its name as gRPC gives it (lower case), except those that belong to the
 * protocol rather than to the application: pseudo-headers ({@code :path}, ...), {@code grpc-*} (deadline, encoding,
 * ...), {@code content-type}, {@code user-agent}, {@code te}, and the transport's own
 * {@value GrpcServiceHost#SERVICE_HEADER}. Binary headers ({@code *-bin}) are left out: a message header is text. A header sent more than once becomes one,
 * its values joined by commas in the order they came, as HTTP combines repeated fields. The headers are set in the
 * order of their names: HTTP gives no meaning to the order of differently named fields, and grpc-java's
 * {@link Metadata} does not keep it, so sorting at least makes the order the same for the same headers.
 *
 * @since 0.1.0
 */
final class GrpcHeaderMapping {

	private static final Set<String> PROTOCOL_HEADERS = Set.of("content-type", "user-agent", "te",
			GrpcServiceHost.SERVICE_HEADER);

	private GrpcHeaderMapping() {
	}

	/**
	 * Copies a call's application headers into a request message, flagging it {@link MessageHeader#FLAG_HEADERS}
	 * when there are any, as a decoded frame would be.
	 * @param headers the call's request headers
	 * @param message the request message
	 * @throws IllegalArgumentException if a header is longer than a message header may be (possible only on a
	 * server that accepts more than 64 KiB of headers)
	 */
	static void toMessage(Metadata headers, Message message) {
		MessageMetadata metadata = message.getMetadata();
		for (String name : new TreeSet<>(headers.keys())) {
			if (isApplicationHeader(name)) {
				Iterable<String> values = headers.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
				if (values != null) {
					metadata.setHeader(name, String.join(",", values));
				}
			}
		}
		message.getHeader().setFlag(MessageHeader.FLAG_HEADERS, metadata.hasHeaders());
	}

	/**
	 * Returns whether a gRPC header is the application's, to be carried as a message header.
	 * @param name the header name, lower case as gRPC gives it
	 * @return whether it is an ASCII header that is neither gRPC's, HTTP/2's nor the transport's own
	 */
	static boolean isApplicationHeader(String name) {
		return !name.isEmpty() && name.charAt(0) != ':' && !name.startsWith("grpc-")
				&& !name.endsWith(Metadata.BINARY_HEADER_SUFFIX) && !PROTOCOL_HEADERS.contains(name);
	}

}
