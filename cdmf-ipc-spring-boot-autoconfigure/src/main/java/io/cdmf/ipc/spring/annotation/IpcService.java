package io.cdmf.ipc.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.cdmf.ipc.message.SerializationFormat;
import org.springframework.stereotype.Component;

/**
 * Marks a bean that serves a contract interface to other processes. Every such bean is exported on all its endpoints
 * once the application context is ready, and drained on shutdown.
 * <p>
 * Works on a class (it is a {@link Component @Component}) and on a {@code @Bean} method. Every attribute can be set
 * or overridden under {@code cdmf.ipc.server.services.<name>.*}; properties win over the annotation.
 *
 * <pre>{@code
 * @IpcService(name = "CalculationService", version = "1.0.0", endpoints = "unix:///tmp/cdmf_calc.sock",
 *         serialization = SerializationFormat.PROTOBUF)
 * class CalculationServiceImpl implements Calculator { ... }
 * }</pre>
 *
 * @since 0.1.0
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface IpcService {

	/**
	 * Returns the service's name, the key of its properties; by default the contract interface's simple name.
	 * @return the name
	 */
	String name() default "";

	/**
	 * Returns the service's version.
	 * @return the version, empty for none
	 */
	String version() default "";

	/**
	 * Returns the contract interface to serve; needed only when the bean implements more than one interface.
	 * @return the contract, {@code void.class} to take the bean's only interface
	 */
	Class<?> contract() default void.class;

	/**
	 * Returns the endpoint URIs to listen on, such as {@code unix:///tmp/calc.sock}; all of them serve at once.
	 * @return the endpoints
	 */
	String[] endpoints() default {};

	/**
	 * Returns the format the contract is checked against ({@code JSON} when empty). Requests are read, and
	 * answered, in the format each one declares.
	 * @return at most one format
	 */
	SerializationFormat[] serialization() default {};

	/**
	 * Returns how many requests may run at once; more are answered {@code RESOURCE_EXHAUSTED}.
	 * @return the limit, or -1 for the default (100)
	 */
	int maxConcurrentRequests() default -1;

	/**
	 * Returns how long a request may run, as a duration such as {@code 30s} or {@code PT30S}.
	 * @return the timeout, empty for the default (30 seconds)
	 */
	String requestTimeout() default "";

}
