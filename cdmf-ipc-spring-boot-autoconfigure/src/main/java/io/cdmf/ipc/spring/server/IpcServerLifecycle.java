package io.cdmf.ipc.spring.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.cdmf.ipc.binding.IpcBinding;
import io.cdmf.ipc.binding.ServiceContract;
import io.cdmf.ipc.discovery.ServiceDiscovery;
import io.cdmf.ipc.discovery.ServiceEndpoint;
import io.cdmf.ipc.rpc.CallListener;
import io.cdmf.ipc.rpc.ServiceStub;
import io.cdmf.ipc.serialization.SerializerRegistry;
import io.cdmf.ipc.spring.IpcConfigurationException;
import io.cdmf.ipc.spring.IpcPropertyNames;
import io.cdmf.ipc.spring.internal.CallListeners;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.SmartLifecycle;

/**
 * Serves every {@link io.cdmf.ipc.spring.annotation.IpcService @IpcService} bean: starts once the application
 * context is ready (after every singleton exists), logs the bound endpoints, registers each service in the service
 * registry when it has an {@link IpcServiceRegistrar} (a registry that refuses one fails the start) and publishes an
 * {@link IpcServerStartedEvent}.
 * <p>
 * Shutdown is orderly and runs for all services at once: the services are deregistered first, so that clients stop
 * choosing this instance (after the registrar's deregistration delay, if any), then each stub refuses new calls
 * ({@code UNAVAILABLE}),
 * then waits for running calls up to {@code cdmf.ipc.server.shutdown.grace-period}, then closes its endpoints
 * (removing socket files); an {@link IpcServerStoppedEvent} follows. It runs in the same phase as the web server's
 * graceful shutdown, so HTTP and IPC traffic drain together.
 *
 * @since 0.1.0
 */
public class IpcServerLifecycle implements SmartLifecycle, ApplicationEventPublisherAware {

	/** The phase: late to start, early to stop, with the web server's graceful shutdown. */
	public static final int DEFAULT_PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

	private static final Logger logger = LoggerFactory.getLogger(IpcServerLifecycle.class);

	private final IpcServiceDiscoverer discoverer;

	private final IpcServiceConfigFactory configFactory;

	private final SerializerRegistry serializers;

	private final CallListeners callListeners = new CallListeners();

	private final List<Consumer<ExportedService>> serviceCallbacks = new CopyOnWriteArrayList<>();

	private final @Nullable IpcServiceRegistrar registrar;

	private volatile List<ExportedService> services = List.of();

	private volatile Map<String, ServiceDiscovery.Registration> registrations = Map.of();

	private volatile boolean running;

	private List<IpcHandlerExceptionTranslator> exceptionTranslators = List.of();

	private @Nullable ApplicationEventPublisher eventPublisher;

	private @Nullable CountDownLatch awaitStop;

	/**
	 * Creates a lifecycle.
	 * @param discoverer finds the services
	 * @param configFactory configures each service
	 * @param serializers the serializers of payloads
	 */
	public IpcServerLifecycle(IpcServiceDiscoverer discoverer, IpcServiceConfigFactory configFactory,
			SerializerRegistry serializers) {
		this(discoverer, configFactory, serializers, null);
	}

	/**
	 * Creates a lifecycle that registers the services it serves.
	 * @param discoverer finds the services
	 * @param configFactory configures each service
	 * @param serializers the serializers of payloads
	 * @param registrar registers each service once it listens, or {@code null} to register none
	 */
	public IpcServerLifecycle(IpcServiceDiscoverer discoverer, IpcServiceConfigFactory configFactory,
			SerializerRegistry serializers, @Nullable IpcServiceRegistrar registrar) {
		this.discoverer = discoverer;
		this.configFactory = configFactory;
		this.serializers = serializers;
		this.registrar = registrar;
	}

	/**
	 * Sets the translators of the exceptions service methods throw, asked in order for each failure; set before the
	 * lifecycle starts.
	 * @param translators the translators
	 */
	public void setExceptionTranslators(List<IpcHandlerExceptionTranslator> translators) {
		this.exceptionTranslators = List.copyOf(translators);
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher eventPublisher) {
		this.eventPublisher = eventPublisher;
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		List<ExportedService> created = new ArrayList<>();
		for (IpcServiceDefinition definition : this.discoverer.findServices()) {
			created.add(export(definition));
		}
		for (ExportedService service : created) {
			this.serviceCallbacks.forEach(callback -> callback.accept(service));
		}
		List<ExportedService> started = new ArrayList<>();
		for (ExportedService service : created) {
			try {
				service.stub().start();
				started.add(service);
			}
			catch (IpcException ex) {
				started.forEach(running -> running.stub().stop());
				throw startFailure(service, ex);
			}
		}
		for (ExportedService service : started) {
			logger.info("IPC service {} ({}) listening on {}", service.name(), service.contract().type().getName(),
					service.stub().getBoundEndpoints());
		}
		this.registrations = register(started);
		this.services = List.copyOf(started);
		this.running = true;
		if (!started.isEmpty()) {
			keepAlive();
		}
		publish(new IpcServerStartedEvent(this, started));
	}

	/**
	 * Registers every started service; if one cannot be, those registered are removed again and every stub stops,
	 * so that the application does not run half announced.
	 */
	private Map<String, ServiceDiscovery.Registration> register(List<ExportedService> started) {
		IpcServiceRegistrar current = this.registrar;
		if (current == null || started.isEmpty()) {
			return Map.of();
		}
		Map<String, ServiceDiscovery.Registration> registered = new LinkedHashMap<>();
		for (ExportedService service : started) {
			try {
				ServiceDiscovery.Registration registration = current.register(service);
				registered.put(service.name(), registration);
				logger.info("IPC service {} registered in {} as {}", service.name(),
						current.getDiscovery().getName(), registration.getInstance().instanceId());
			}
			catch (RuntimeException ex) {
				deregister(registered);
				started.forEach(running -> running.stub().stop());
				throw ex;
			}
		}
		return Map.copyOf(registered);
	}

	/**
	 * Removes registrations; one that cannot be removed is logged, and shutdown goes on: the registry drops it when
	 * this process ends (the embedded one at once, ZooKeeper when the session expires).
	 */
	private void deregister(Map<String, ServiceDiscovery.Registration> registered) {
		registered.forEach((name, registration) -> {
			try {
				registration.close();
				logger.info("IPC service {} deregistered", name);
			}
			catch (RuntimeException ex) {
				logger.warn("Cannot deregister IPC service {} ({}); clients drop it when the registry sees this "
						+ "process gone", name, registration.getInstance().instanceId(), ex);
			}
		});
	}

	/**
	 * Stub threads are daemons, so an application that only serves IPC (no web server) would end as soon as its
	 * main method returns. As Tomcat and gRPC servers do, one non-daemon thread waits until the server stops.
	 */
	private void keepAlive() {
		CountDownLatch latch = new CountDownLatch(1);
		this.awaitStop = latch;
		Thread thread = new Thread(() -> {
			try {
				latch.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "cdmf-ipc-await");
		thread.setDaemon(false);
		thread.start();
	}

	private ExportedService export(IpcServiceDefinition definition) {
		IpcServiceConfig config = this.configFactory.create(definition);
		ServiceStub stub = new ServiceStub(config.stub());
		ServiceContract contract;
		try {
			contract = IpcBinding.export(TranslatingServiceTarget.of(definition, this.exceptionTranslators),
					definition.contract(), stub, config.format(), this.serializers);
		}
		catch (IllegalArgumentException ex) {
			throw new IpcConfigurationException(IpcPropertyNames.service(definition.name(), "serialization"),
					config.format().name(), "Cannot serve bean '" + definition.beanName() + "' as service '"
							+ definition.name() + "': " + ex.getMessage(),
					"Change the contract " + definition.contract().getName() + " as the message says, or serve it "
							+ "in a format that carries its types.",
					ex);
		}
		stub.setCallListener(this.callListeners.current());
		return new ExportedService(definition, config, contract, stub);
	}

	private static IpcConfigurationException startFailure(ExportedService service, IpcException ex) {
		String property = IpcPropertyNames.service(service.name(), "endpoints");
		String endpoints = service.config().stub().getEndpoints().toString();
		String action = switch (ex.getErrorCode()) {
			case PERMISSION_DENIED -> "Create the socket directory and make it writable by this user, or set "
					+ property + " to a path in a directory that is.";
			case UNAVAILABLE -> "Stop the other process that serves there, or set " + property
					+ " to another endpoint.";
			default -> "Set " + property + " to an endpoint this host can serve, such as unix:///tmp/"
					+ service.name() + ".sock.";
		};
		return new IpcConfigurationException(property, endpoints,
				"IPC service '" + service.name() + "' cannot listen on " + endpoints + ": " + ex.getMessage(), action,
				ex);
	}

	@Override
	public void stop() {
		CountDownLatch done = new CountDownLatch(1);
		stop(done::countDown);
		try {
			done.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void stop(Runnable callback) {
		List<ExportedService> stopping;
		Map<String, ServiceDiscovery.Registration> registered;
		synchronized (this) {
			if (!this.running) {
				callback.run();
				return;
			}
			this.running = false;
			stopping = this.services;
			registered = this.registrations;
			this.registrations = Map.of();
		}
		CountDownLatch latch = this.awaitStop;
		// Deregister first, so that clients stop choosing this instance before its stubs refuse calls (the calls
		// refused meanwhile are NOT_EXECUTED and retried elsewhere). Without a deregistration delay this happens
		// before this method returns, so the stubs refuse new calls by then; with one, off the caller's thread.
		boolean delayed = !registered.isEmpty() && this.registrar != null
				&& !this.registrar.getDeregistrationDelay().isZero();
		Thread[] early = null;
		if (!delayed) {
			deregister(registered);
			early = stopStubs(stopping);
		}
		Thread[] started = early;
		Thread waiter = new Thread(() -> {
			Thread[] threads = started;
			if (threads == null) {
				deregister(registered);
				awaitDeregistrationDelay();
				threads = stopStubs(stopping);
			}
			try {
				for (Thread thread : threads) {
					thread.join();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			logger.info("IPC server stopped {} service(s)", stopping.size());
			publish(new IpcServerStoppedEvent(this, stopping));
			if (latch != null) {
				latch.countDown();
			}
			callback.run();
		}, "cdmf-ipc-shutdown");
		waiter.start();
	}

	/**
	 * Every service refuses new calls and drains at the same time, so the grace period bounds the whole shutdown
	 * rather than being paid once per service.
	 */
	private static Thread[] stopStubs(List<ExportedService> stopping) {
		Thread[] threads = new Thread[stopping.size()];
		// Refuse on this thread, so that no stub still accepts a call once this returns; drain on their own.
		stopping.forEach(service -> service.stub().refuseNewCalls());
		for (int i = 0; i < threads.length; i++) {
			ServiceStub stub = stopping.get(i).stub();
			threads[i] = new Thread(stub::stop, "cdmf-ipc-stop-" + stopping.get(i).name());
			threads[i].start();
		}
		return threads;
	}

	private void awaitDeregistrationDelay() {
		IpcServiceRegistrar current = this.registrar;
		if (current == null) {
			return;
		}
		try {
			Thread.sleep(current.getDeregistrationDelay().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void publish(Object event) {
		ApplicationEventPublisher publisher = this.eventPublisher;
		if (publisher != null) {
			publisher.publishEvent(event);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return DEFAULT_PHASE;
	}

	/**
	 * Returns the services served since the last start (kept after a stop, to report them as not running).
	 * @return the services
	 */
	public List<ExportedService> getServices() {
		return this.services;
	}

	/**
	 * Returns a service by name.
	 * @param name the service's name
	 * @return the service, if served
	 */
	public Optional<ExportedService> getService(String name) {
		return this.services.stream().filter(service -> service.name().equals(name)).findFirst();
	}

	/**
	 * Returns the instance a service is registered as in the service registry.
	 * @param name the service's name
	 * @return the instance, if the service is registered now
	 */
	public Optional<ServiceEndpoint> getRegisteredInstance(String name) {
		return Optional.ofNullable(this.registrations.get(name)).map(ServiceDiscovery.Registration::getInstance);
	}

	/**
	 * Returns the registrar that registers the services.
	 * @return the registrar, or {@code null} if services are not registered
	 */
	public @Nullable IpcServiceRegistrar getRegistrar() {
		return this.registrar;
	}

	/**
	 * Returns how many requests a service is running now.
	 * @param name the service's name
	 * @return the requests in flight, 0 if it is not served
	 */
	public int getInFlightRequests(String name) {
		return getService(name).map(service -> service.stub().getInFlightRequests()).orElse(0);
	}

	/**
	 * Adds a listener told of every request each service answers or rejects, now and after a restart.
	 * @param listener the listener
	 */
	public void addCallListener(CallListener listener) {
		this.callListeners.add(listener, composite -> this.services.forEach(s -> s.stub().setCallListener(composite)));
	}

	/**
	 * Runs an action for each service already exported and, from now on, for each service when it is exported
	 * (before its stub starts).
	 * @param action the action
	 */
	public void forEachService(Consumer<ExportedService> action) {
		this.serviceCallbacks.add(action);
		this.services.forEach(action);
	}

}
