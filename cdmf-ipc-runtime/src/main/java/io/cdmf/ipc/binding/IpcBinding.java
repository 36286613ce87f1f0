package io.cdmf.ipc.binding;

import java.lang.reflect.Proxy;

import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.rpc.Channel;
import io.cdmf.ipc.rpc.ServiceProxy;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.serialization.SerializerRegistry;

/**
 * Entry point of the typed binding: clients that implement a contract interface, and services exported from an
 * object that implements it.
 *
 * <pre>{@code
 * interface Calculator { long add(int a, int b); CompletableFuture<Long> addAsync(int a, int b); }
 *
 * ServiceStub stub = new ServiceStub(StubConfig.custom("Calc").endpoint("unix:///tmp/calc.sock").build());
 * IpcBinding.export(new CalculatorImpl(), Calculator.class, stub, SerializationFormat.JSON);
 * stub.start();
 *
 * Calculator calc = IpcBinding.createClient(Calculator.class,
 *         new ServiceProxy(ProxyConfig.of("unix:///tmp/calc.sock")), SerializationFormat.JSON);
 * long sum = calc.add(20, 22);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class IpcBinding {

	private IpcBinding() {
	}

	/**
	 * Creates a client with the default serializers.
	 * @param <T> the contract type
	 * @param contract the contract interface
	 * @param proxy the channel to call through, such as a {@link ServiceProxy}; closing it ends the client
	 * @param format the format of requests
	 * @return the client
	 * @throws IllegalArgumentException if the contract breaks a rule of {@link ServiceContract}
	 */
	public static <T> T createClient(Class<T> contract, Channel proxy, SerializationFormat format) {
		return createClient(contract, proxy, format, SerializerRegistry.ofDefaults());
	}

	/**
	 * Creates a client.
	 * @param <T> the contract type
	 * @param contract the contract interface
	 * @param proxy the channel to call through
	 * @param format the format of requests
	 * @param registry the serializers; responses are read in the format they declare
	 * @return the client
	 * @throws IllegalArgumentException if the contract breaks a rule of {@link ServiceContract}
	 */
	public static <T> T createClient(Class<T> contract, Channel proxy, SerializationFormat format,
			SerializerRegistry registry) {
		ServiceContract checked = ServiceContract.of(contract, registry.get(format));
		ClientInvocationHandler handler = new ClientInvocationHandler(checked, proxy, new PayloadCodec(registry));
		return contract.cast(Proxy.newProxyInstance(contract.getClassLoader(), new Class<?>[] { contract }, handler));
	}

	/**
	 * Returns whether an object is a client made by this class.
	 * @param object the object
	 * @return whether it is a client proxy
	 */
	public static boolean isClient(Object object) {
		return ClientInvocationHandler.isClient(object);
	}

	/**
	 * Exports an object's contract methods on a stub, with the default serializers.
	 * @param service the implementation
	 * @param contract the contract interface it implements
	 * @param stub the stub to register the methods on
	 * @param format the service's declared format (requests are read in the format they declare)
	 * @return the contract as exported
	 * @throws IllegalArgumentException if the contract breaks a rule or the object does not implement it
	 */
	public static ServiceContract export(Object service, Class<?> contract, ServiceStub stub,
			SerializationFormat format) {
		return export(service, contract, stub, format, SerializerRegistry.ofDefaults());
	}

	/**
	 * Exports an object's contract methods on a stub.
	 * @param service the implementation
	 * @param contract the contract interface it implements
	 * @param stub the stub to register the methods on
	 * @param format the service's declared format
	 * @param registry the serializers
	 * @return the contract as exported
	 * @throws IllegalArgumentException if the contract breaks a rule or the object does not implement it
	 */
	public static ServiceContract export(Object service, Class<?> contract, ServiceStub stub,
			SerializationFormat format, SerializerRegistry registry) {
		ServiceContract checked = ServiceContract.of(contract, registry.get(format));
		ServiceExporter.export(service, checked, stub, new PayloadCodec(registry));
		return checked;
	}

}
