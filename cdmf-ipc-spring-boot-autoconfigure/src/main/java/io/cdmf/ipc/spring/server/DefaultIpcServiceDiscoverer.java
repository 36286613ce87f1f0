package io.cdmf.ipc.spring.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cdmf.ipc.spring.IpcConfigurationException;
import io.cdmf.ipc.spring.annotation.IpcService;
import io.cdmf.ipc.spring.internal.AnnotationValues;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Finds the beans annotated with {@link IpcService @IpcService} (on their class or their {@code @Bean} method) in
 * the application context. It never scans the classpath: a service is a bean first.
 *
 * @since 0.1.0
 */
public class DefaultIpcServiceDiscoverer implements IpcServiceDiscoverer {

	private final ListableBeanFactory beanFactory;

	/**
	 * Creates a discoverer.
	 * @param beanFactory the bean factory to look in
	 */
	public DefaultIpcServiceDiscoverer(ListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public List<IpcServiceDefinition> findServices() {
		Map<String, IpcServiceDefinition> byName = new LinkedHashMap<>();
		for (String beanName : this.beanFactory.getBeanNamesForAnnotation(IpcService.class)) {
			IpcService annotation = this.beanFactory.findAnnotationOnBean(beanName, IpcService.class);
			if (annotation == null) {
				continue;
			}
			IpcServiceDefinition definition = define(beanName, this.beanFactory.getBean(beanName), annotation);
			IpcServiceDefinition clash = byName.putIfAbsent(definition.name(), definition);
			if (clash != null) {
				throw new IpcConfigurationException("@IpcService(name)", definition.name(),
						"Beans '" + clash.beanName() + "' and '" + beanName + "' both serve service '"
								+ definition.name() + "'",
						"Give one of them another name with @IpcService(name = ...); a service's properties are "
								+ "keyed by its name.",
						null);
			}
		}
		return new ArrayList<>(byName.values());
	}

	private IpcServiceDefinition define(String beanName, Object bean, IpcService annotation) {
		Class<?> contract = contract(beanName, bean, annotation);
		String name = annotation.name().isBlank() ? contract.getSimpleName() : annotation.name();
		String where = "@IpcService on bean '" + beanName + "'";
		return new IpcServiceDefinition(beanName, bean, contract, name, annotation.version(),
				Arrays.asList(annotation.endpoints()),
				AnnotationValues.format(annotation.serialization(), where + " (serialization)"),
				annotation.maxConcurrentRequests(),
				AnnotationValues.duration(annotation.requestTimeout(), where + " (requestTimeout)"));
	}

	private Class<?> contract(String beanName, Object bean, IpcService annotation) {
		Class<?> type = ClassUtils.getUserClass(AopUtils.getTargetClass(bean));
		if (annotation.contract() != void.class) {
			if (!annotation.contract().isInterface() || !annotation.contract().isInstance(bean)) {
				throw new IpcConfigurationException("@IpcService(contract)", annotation.contract().getName(),
						"Bean '" + beanName + "' (" + type.getName() + ") does not implement the interface "
								+ annotation.contract().getName() + " that its @IpcService names as contract",
						"Name an interface the bean implements in @IpcService(contract = ...).", null);
			}
			return annotation.contract();
		}
		List<Class<?>> candidates = new ArrayList<>();
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			for (Class<?> candidate : current.getInterfaces()) {
				if (isApplicationInterface(candidate) && !candidates.contains(candidate)) {
					candidates.add(candidate);
				}
			}
		}
		if (candidates.size() != 1) {
			throw new IpcConfigurationException("@IpcService(contract)", null,
					"Bean '" + beanName + "' (" + type.getName() + ") implements "
							+ (candidates.isEmpty() ? "no interface" : "the interfaces " + candidates)
							+ ", so its contract is not clear",
					candidates.isEmpty() ? "Implement the contract interface in " + type.getSimpleName() + "."
							: "Say which one it serves with @IpcService(contract = ...).",
					null);
		}
		return candidates.get(0);
	}

	private static boolean isApplicationInterface(Class<?> candidate) {
		String name = candidate.getName();
		return !name.startsWith("java.") && !name.startsWith("javax.") && !name.startsWith("jakarta.")
				&& !name.startsWith("org.springframework.") && !name.startsWith("kotlin.");
	}

}
