package io.cdmf.ipc.channel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.cdmf.ipc.rpc.CallResult;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.testsupport.ForkedJvm;
import io.cdmf.ipc.testsupport.StubServerMain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link StubServerMain} in its own JVM, for the channel tests, with a proxy of its own (no channel under test in
 * the way) to configure it and read its counters.
 */
final class ForkedServer implements AutoCloseable {

	private static final Duration STARTUP = Duration.ofSeconds(60);

	private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(10);

	private final ForkedJvm jvm;

	private final String endpoint;

	private final ServiceProxy control;

	private ForkedServer(ForkedJvm jvm, String endpoint) {
		this.jvm = jvm;
		this.endpoint = endpoint;
		this.control = new ServiceProxy(ProxyConfig.custom(endpoint).serviceName("control").build());
	}

	/**
	 * Starts one server per endpoint, all at once, and waits until every one listens.
	 * @param endpoints the endpoints
	 * @return the servers, in the same order
	 */
	static List<ForkedServer> start(String... endpoints) {
		List<ForkedJvm> jvms = new ArrayList<>();
		for (String endpoint : endpoints) {
			jvms.add(ForkedJvm.start(StubServerMain.class, endpoint, "2000", "30000"));
		}
		List<ForkedServer> servers = new ArrayList<>();
		for (int i = 0; i < endpoints.length; i++) {
			jvms.get(i).awaitLine("READY", STARTUP);
			servers.add(new ForkedServer(jvms.get(i), endpoints[i]));
		}
		return servers;
	}

	/**
	 * Starts one server and waits until it listens.
	 * @param endpoint the endpoint
	 * @return the server
	 */
	static ForkedServer start(String endpoint) {
		return start(new String[] { endpoint }).get(0);
	}

	String endpoint() {
		return this.endpoint;
	}

	ChannelEndpoint channelEndpoint() {
		return ChannelEndpoint.of(this.endpoint);
	}

	long pid() {
		return this.jvm.pid();
	}

	ForkedJvm jvm() {
		return this.jvm;
	}

	/**
	 * Changes how {@code serve} behaves, as {@link StubServerMain} describes.
	 * @param command such as {@code delay=20}, {@code fail=INTERNAL}, {@code fail=none} or {@code reset}
	 */
	void control(String command) {
		call("control", command);
	}

	/**
	 * Returns how many {@code serve} calls reached this server since the last {@code reset}.
	 * @return the count
	 */
	int served() {
		return Integer.parseInt(call("served", ""));
	}

	/**
	 * Returns how many times {@code count} ran here with a text.
	 * @param key the text
	 * @return the count
	 */
	int counted(String key) {
		return Integer.parseInt(call("counted", key));
	}

	/**
	 * Returns the connections open to this server, this fixture's own included.
	 * @return the count
	 */
	int connections() {
		return Integer.parseInt(call("connections", ""));
	}

	private String call(String method, String request) {
		CallResult result = this.control.call(method, request.getBytes(StandardCharsets.UTF_8), CONTROL_TIMEOUT);
		assertThat(result.isSuccess()).as("%s(%s) on %s: %s", method, request, this.endpoint, result).isTrue();
		return new String(result.data(), StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.control.close();
		this.jvm.close();
	}

	@Override
	public String toString() {
		return "server " + this.jvm.pid() + " on " + this.endpoint;
	}

}
