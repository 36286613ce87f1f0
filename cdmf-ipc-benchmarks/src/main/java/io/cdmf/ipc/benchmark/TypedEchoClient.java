package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.time.Duration;

import com.google.protobuf.BytesValue;
import com.google.protobuf.ByteString;
import io.cdmf.ipc.binding.IpcBinding;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.rpc.ServiceProxy;
import org.jspecify.annotations.Nullable;

/**
 * Calls through the typed binding, as an application does: one {@link Echo} client made by
 * {@link IpcBinding#createClient} over one {@link ServiceProxy} in {@link SerializationFormat#BINARY} (or the format
 * {@code --typed-format} names), shared by every caller from {@link #caller()}, each sending the same payload array
 * (the binding wraps it, the proxy encodes it before the call returns, nothing writes it). In
 * {@link SerializationFormat#PROTOBUF} the contract is {@link ProtoEcho} and the payload one {@link BytesValue}.
 *
 * @since 0.1.0
 */
final class TypedEchoClient implements SyncClient, CallerGroup {

	private final ServiceProxy proxy;

	private final @Nullable Echo echo;

	private final @Nullable ProtoEcho protoEcho;

	private final byte[] payload;

	private final BytesValue message;

	private final boolean owner;

	private TypedEchoClient(ServiceProxy proxy, @Nullable Echo echo, @Nullable ProtoEcho protoEcho, byte[] payload,
			BytesValue message, boolean owner) {
		this.proxy = proxy;
		this.echo = echo;
		this.protoEcho = protoEcho;
		this.payload = payload;
		this.message = message;
		this.owner = owner;
	}

	/**
	 * Connects a proxy to a server exporting {@link Echo} and makes one call through it.
	 * @param endpoint the server's endpoint URI
	 * @param service the service name
	 * @param size the payload size
	 * @param syncSpin how long a waiting caller spins before parking, {@code null} for the proxy's default
	 * @param format the client's serialization format
	 * @return the client, owning the proxy
	 */
	static TypedEchoClient open(String endpoint, String service, int size, @Nullable Duration syncSpin,
			SerializationFormat format) {
		ServiceProxy proxy = FrameworkSyncClient.connect(endpoint, service, syncSpin);
		byte[] payload = FrameworkSyncClient.payloadBytes(size);
		BytesValue message = BytesValue.of(ByteString.copyFrom(payload));
		if (format == SerializationFormat.PROTOBUF) {
			return new TypedEchoClient(proxy, null, IpcBinding.createClient(ProtoEcho.class, proxy, format), payload,
					message, true);
		}
		return new TypedEchoClient(proxy, IpcBinding.createClient(Echo.class, proxy, format), null, payload, message,
				true);
	}

	@Override
	public TypedEchoClient caller() {
		return new TypedEchoClient(this.proxy, this.echo, this.protoEcho, this.payload, this.message, false);
	}

	@Override
	public void roundTrip(boolean verify) throws IOException {
		// A failed call throws IpcException, which fails the case. The length check allocates nothing: always made.
		int length = (this.echo != null) ? this.echo.echo(this.payload).length
				: this.protoEcho.echo(this.message).getValue().size();
		if (length != this.payload.length) {
			throw new IOException("echo of " + length + " bytes, expected " + this.payload.length);
		}
	}

	@Override
	public void close() {
		if (this.owner) {
			this.proxy.close();
		}
	}

}
