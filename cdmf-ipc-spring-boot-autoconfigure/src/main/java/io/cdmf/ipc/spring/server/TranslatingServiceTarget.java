package io.cdmf.ipc.spring.server;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import io.cdmf.ipc.IpcException;
import org.jspecify.annotations.Nullable;

/**
 * Stands in for a service bean before the exporter: calls the bean through its contract interface and hands what a
 * method throws, or the failure of the future it returns, to the {@link IpcHandlerExceptionTranslator}s.
 */
final class TranslatingServiceTarget implements InvocationHandler {

	private final IpcServiceDefinition definition;

	private final List<IpcHandlerExceptionTranslator> translators;

	private TranslatingServiceTarget(IpcServiceDefinition definition, List<IpcHandlerExceptionTranslator> translators) {
		this.definition = definition;
		this.translators = translators;
	}

	/**
	 * Returns the object to export for a service.
	 * @param definition the service
	 * @param translators the translators, in order
	 * @return the bean itself when there are no translators, else a proxy of the contract
	 */
	static Object of(IpcServiceDefinition definition, List<IpcHandlerExceptionTranslator> translators) {
		if (translators.isEmpty() || !definition.contract().isInterface()) {
			return definition.bean();
		}
		Class<?> contract = definition.contract();
		return Proxy.newProxyInstance(contract.getClassLoader(), new Class<?>[] { contract },
				new TranslatingServiceTarget(definition, List.copyOf(translators)));
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
		if (method.getDeclaringClass() == Object.class) {
			return switch (method.getName()) {
				case "equals" -> args != null && proxy == args[0];
				case "hashCode" -> System.identityHashCode(proxy);
				default -> "IpcService[" + this.definition.name() + " -> " + this.definition.beanName() + "]";
			};
		}
		Object result;
		try {
			if (!method.canAccess(this.definition.bean())) {
				method.setAccessible(true);
			}
			result = method.invoke(this.definition.bean(), args);
		}
		catch (InvocationTargetException ex) {
			throw translate(ex.getCause(), method);
		}
		if (result instanceof CompletionStage<?> stage) {
			CompletableFuture<Object> translated = new CompletableFuture<>();
			stage.whenComplete((value, failure) -> {
				if (failure == null) {
					translated.complete(value);
				}
				else {
					Throwable cause = (failure instanceof CompletionException && failure.getCause() != null)
							? failure.getCause() : failure;
					translated.completeExceptionally(translate(cause, method));
				}
			});
			return translated;
		}
		return result;
	}

	private Throwable translate(Throwable failure, Method method) {
		for (IpcHandlerExceptionTranslator translator : this.translators) {
			IpcException translated = translator.translate(failure, this.definition, method.getName());
			if (translated != null) {
				return translated;
			}
		}
		return failure;
	}

}
