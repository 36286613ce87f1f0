package io.cdmf.ipc.benchmark;

import java.io.IOException;
import java.time.Duration;

import io.cdmf.ipc.binding.IpcBinding;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.rpc.ServiceProxy;
import org.jspecify.annotations.Nullable;

/**
 * Calls through the typed binding, as an application does: one {@link Echo} client made by
 * {@link IpcBinding#createClient} over one {@link ServiceProxy} in {@link SerializationFormat#BINARY}, shared by
 * every caller from {@link #caller()}, each sending the same payload array (the binding wraps it, the proxy encodes
 * it before the call returns, nothing writes it).
 *
 * @since 0.1.0
 */
final class TypedEchoClient implements SyncClient, CallerGroup {

	private final ServiceProxy proxy;

	private final Echo echo;

	private final byte[] payload;

	private final boolean owner;

	private TypedEchoClient(ServiceProxy proxy, Echo echo, byte[] payload, boolean owner) {
		this.proxy = proxy;
		this.echo = echo;
		this.payload = payload;
		this.owner = owner;
	}

	/**
	 * Connects a proxy to a server exporting {@link Echo} and makes one call through it.
	 * @param endpoint the server's endpoint URI
	 * @param service the service name
	 * @param size the payload size
	 * @param syncSpin how long a waiting caller spins before parking, {@code null} for the proxy's default
	 * @return the client, owning the proxy
	 */
	static TypedEchoClient open(String endpoint, String service, int size, @Nullable Duration syncSpin) {
		ServiceProxy proxy = FrameworkSyncClient.connect(endpoint, service, syncSpin);
		Echo echo = IpcBinding.createClient(Echo.class, proxy, SerializationFormat.BINARY);
		return new TypedEchoClient(proxy, echo, FrameworkSyncClient.payloadBytes(size), true);
	}

	@Override
	public TypedEchoClient caller() {
		return new TypedEchoClient(this.proxy, this.echo, this.payload, false);
	}

	@Override
	public void roundTrip(boolean verify) throws IOException {
		// A failed call throws IpcException, which fails the case. The length check allocates nothing: always made.
		byte[] answer = this.echo.echo(this.payload);
		if (answer.length != this.payload.length) {
			throw new IOException("echo of " + answer.length + " bytes, expected " + this.payload.length);
		}
	}

	@Override
	public void close() {
		if (this.owner) {
			this.proxy.close();
		}
	}

}
