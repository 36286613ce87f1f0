package io.cdmf.ipc.binding;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.google.protobuf.StringValue;
import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.IpcRejectedException;
import io.cdmf.ipc.IpcUnavailableException;
import io.cdmf.ipc.RemoteIpcException;
import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.rpc.ProxyConfig;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.rpc.StubConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Typed clients against exported services, over {@code inproc://}.
 */
class IpcBindingTests {

	private final String endpoint = "inproc://binding-" + ThreadLocalRandom.current().nextInt(1 << 30);

	private ServiceStub stub;

	private ServiceProxy proxy;

	public record Point(int x, int y) {
	}

	public interface Geometry {

		Point move(Point point, int dx, int dy);

		CompletableFuture<Double> distance(Point a, Point b);

		List<Point> corners(int size);

		Map<String, Integer> histogram(List<String> words);

		@IpcMethod("recordEvent")
		@OneWay
		void record(String event);

		int divide(int a, int b);

		void reject();

		default Point origin() {
			return new Point(0, 0);
		}

	}

	static final class GeometryService implements Geometry {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public Point move(Point point, int dx, int dy) {
			return new Point(point.x() + dx, point.y() + dy);
		}

		@Override
		public CompletableFuture<Double> distance(Point a, Point b) {
			return CompletableFuture.supplyAsync(() -> Math.hypot(a.x() - b.x(), a.y() - b.y()));
		}

		@Override
		public List<Point> corners(int size) {
			return List.of(new Point(0, 0), new Point(size, 0), new Point(size, size), new Point(0, size));
		}

		@Override
		public Map<String, Integer> histogram(List<String> words) {
			Map<String, Integer> counts = new java.util.TreeMap<>();
			words.forEach(word -> counts.merge(word, 1, Integer::sum));
			return counts;
		}

		@Override
		public void record(String event) {
			this.events.add(event);
		}

		@Override
		public int divide(int a, int b) {
			return a / b;
		}

		@Override
		public void reject() {
			throw new IpcException(ErrorCode.RESOURCE_EXHAUSTED, "too busy for you");
		}

	}

	@AfterEach
	void close() {
		if (this.proxy != null) {
			this.proxy.close();
		}
		if (this.stub != null) {
			this.stub.stop();
		}
	}

	private <T> T serveAndConnect(Class<T> contract, Object service, SerializationFormat format) {
		this.stub = new ServiceStub(StubConfig.custom(contract.getSimpleName()).endpoint(this.endpoint).build());
		IpcBinding.export(service, contract, this.stub, format);
		this.stub.start();
		this.proxy = new ServiceProxy(ProxyConfig.of(this.endpoint));
		return IpcBinding.createClient(contract, this.proxy, format);
	}

	@ParameterizedTest
	@EnumSource(value = SerializationFormat.class, names = { "JSON", "MESSAGEPACK" })
	void shouldCallEveryKindOfMethod(SerializationFormat format) throws Exception {
		GeometryService service = new GeometryService();
		Geometry geometry = serveAndConnect(Geometry.class, service, format);
		assertThat(geometry.move(new Point(1, 2), 10, 20)).isEqualTo(new Point(11, 22));
		assertThat(geometry.distance(new Point(0, 0), new Point(3, 4)).get(5, TimeUnit.SECONDS)).isEqualTo(5.0);
		assertThat(geometry.corners(2)).hasSize(4).contains(new Point(2, 2));
		assertThat(geometry.histogram(List.of("a", "b", "a"))).containsEntry("a", 2).containsEntry("b", 1);
		geometry.record("hello");
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (service.events.isEmpty() && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(service.events).containsExactly("hello");
		assertThat(geometry.origin()).isEqualTo(new Point(0, 0));
	}

	@Test
	void shouldTurnRemoteFailuresIntoTypedExceptions() {
		Geometry geometry = serveAndConnect(Geometry.class, new GeometryService(), SerializationFormat.JSON);
		assertThatThrownBy(() -> geometry.divide(1, 0)).isInstanceOfSatisfying(RemoteIpcException.class, ex -> {
			assertThat(ex.getErrorCode()).isEqualTo(ErrorCode.INTERNAL);
			assertThat(ex.getErrorInfo().message()).isEqualTo("java.lang.ArithmeticException: / by zero");
			assertThat(ex.getErrorInfo().context()).isEqualTo("Geometry.divide");
		});
		assertThatThrownBy(geometry::reject).isInstanceOf(IpcRejectedException.class).hasMessage("too busy for you");
	}

	@Test
	void whenAsyncCallFailsThenFutureCompletesExceptionallyWithIpcException() {
		Geometry geometry = serveAndConnect(Geometry.class, new GeometryService(), SerializationFormat.JSON);
		this.stub.stop();
		assertThatThrownBy(() -> geometry.distance(new Point(0, 0), new Point(1, 1)).join())
			.isInstanceOf(CompletionException.class)
			.hasCauseInstanceOf(IpcUnavailableException.class);
		assertThatThrownBy(() -> geometry.record("lost")).isInstanceOf(IpcUnavailableException.class);
	}

	@Test
	void shouldAnswerObjectMethodsLocally() {
		Geometry geometry = serveAndConnect(Geometry.class, new GeometryService(), SerializationFormat.JSON);
		assertThat(geometry).isEqualTo(geometry);
		assertThat(geometry.equals(new Object())).isFalse();
		assertThat(geometry.hashCode()).isEqualTo(System.identityHashCode(geometry));
		assertThat(geometry.toString()).contains("Geometry").contains(this.endpoint).contains("JSON");
		assertThat(IpcBinding.isClient(geometry)).isTrue();
		assertThat(this.stub.getStats().requests()).isZero();
	}

	public interface Upper {

		StringValue upper(StringValue text);

	}

	@Test
	void shouldCarryProtobufMessages() {
		Upper upper = serveAndConnect(Upper.class,
				(Upper) text -> StringValue.of(text.getValue().toUpperCase(java.util.Locale.ROOT)),
				SerializationFormat.PROTOBUF);
		assertThat(upper.upper(StringValue.of("abc")).getValue()).isEqualTo("ABC");
	}

	public interface Bytes {

		byte[] reverse(byte[] data);

		ByteBuffer same(ByteBuffer data);

	}

	@Test
	void shouldPassBinaryPayloadsThrough() {
		Bytes bytes = serveAndConnect(Bytes.class, new Bytes() {
			@Override
			public byte[] reverse(byte[] data) {
				byte[] out = new byte[data.length];
				for (int i = 0; i < data.length; i++) {
					out[i] = data[data.length - 1 - i];
				}
				return out;
			}

			@Override
			public ByteBuffer same(ByteBuffer data) {
				return data;
			}
		}, SerializationFormat.BINARY);
		assertThat(bytes.reverse(new byte[] { 1, 2, 3 })).containsExactly(3, 2, 1);
		assertThat(bytes.same(ByteBuffer.wrap(new byte[] { 7, 8 })).remaining()).isEqualTo(2);
	}

}
