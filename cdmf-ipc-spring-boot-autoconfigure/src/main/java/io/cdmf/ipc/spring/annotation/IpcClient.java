package io.cdmf.ipc.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.cdmf.ipc.message.SerializationFormat;

/**
 * Marks an interface whose methods call a remote service; the interface becomes an injectable bean. Interfaces under
 * the application's auto-configuration packages are found without any {@code @Enable...};
 * {@link EnableIpcClients @EnableIpcClients} changes where to look.
 * <p>
 * A client with no endpoint (here or in {@code cdmf.ipc.client.services.<service>.endpoint[s]}) finds its service
 * through service discovery ({@code cdmf.ipc.discovery.*}), by {@link #service()} and {@link #version()}; its channel
 * follows the registered instances as they come and go.
 * <p>
 * The client connects on its first call, so a server that starts (or registers) later is reached then, and an
 * unreachable server makes calls fail with an {@link io.cdmf.ipc.IpcUnavailableException}, never the application's
 * startup. Every
 * attribute can be set or overridden under {@code cdmf.ipc.client.services.<service>.*}; properties win over the
 * annotation, and {@code cdmf.ipc.client.*} gives the defaults.
 *
 * <pre>{@code
 * @IpcClient(service = "CalculationService", endpoint = "unix:///tmp/cdmf_calc.sock",
 *         serialization = SerializationFormat.PROTOBUF)
 * interface CalculatorClient extends Calculator { }
 *
 * @IpcClient(service = "Quotes", endpoints = { "unix:///run/quotes-a.sock", "tcp://10.0.0.2:7070" })
 * interface QuotesClient extends Quotes { }
 *
 * @IpcClient(service = "Ledger", version = "[2.0,3.0)")   // no endpoint: found in the registry
 * interface LedgerClient extends Ledger { }
 * }</pre>
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface IpcClient {

	/**
	 * Returns the name of the called service, the key of the client's properties; by default the simple name of the
	 * one interface the client extends (its contract, as {@code @IpcService} names a service after it), else the
	 * client's own simple name.
	 * @return the service name
	 */
	String service() default "";

	/**
	 * Returns the versions of the service the client accepts: {@code 1.0} accepts every 1.0.x, {@code [1.0,2.0)} a
	 * range; an instance found through discovery whose version is not accepted is never called.
	 * @return the version requirement, empty for any
	 */
	String version() default "";

	/**
	 * Returns the server's endpoint URI, for a service with one endpoint. Without one (here, in {@link #endpoints()}
	 * or in {@code cdmf.ipc.client.services.<service>.endpoints}) the client finds its service through discovery;
	 * with {@code cdmf.ipc.discovery.type=none} it then fails startup with a message that says where to set one.
	 * @return the endpoint, empty for none
	 */
	String endpoint() default "";

	/**
	 * Returns the endpoint URIs of a service with several, among which calls are balanced
	 * ({@code cdmf.ipc.client.services.<service>.load-balancer}). With {@link #endpoint()}, that one comes first; an
	 * endpoint given twice fails startup. {@code cdmf.ipc.client.services.<service>.endpoint} and {@code .endpoints}
	 * replace what the annotation gives.
	 * @return the endpoints, empty for none
	 */
	String[] endpoints() default {};

	/**
	 * Returns the format of requests; empty for {@code cdmf.ipc.client.serialization} (default {@code JSON}).
	 * @return at most one format
	 */
	SerializationFormat[] serialization() default {};

	/**
	 * Returns how long one attempt waits for its response, as a duration such as {@code 2s}; empty for
	 * {@code cdmf.ipc.client.timeout} (default 5 seconds).
	 * @return the timeout
	 */
	String timeout() default "";

}
