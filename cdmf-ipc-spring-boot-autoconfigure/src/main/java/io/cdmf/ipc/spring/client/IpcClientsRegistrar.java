package io.cdmf.ipc.spring.client;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cdmf.ipc.spring.annotation.EnableIpcClients;
import io.cdmf.ipc.spring.annotation.IpcClient;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Registers a bean for each {@link IpcClient @IpcClient} interface, as {@link EnableIpcClients @EnableIpcClients}
 * says. It only collects: each interface becomes an {@link IpcClientFactoryBean} definition (named after the
 * interface, typed for injection by type), and everything else happens when the bean is created. It also leaves an
 * {@link ExplicitScan} marker bean, so that the default scan of the auto-configuration packages backs off.
 *
 * @since 0.1.0
 */
public class IpcClientsRegistrar
		implements ImportBeanDefinitionRegistrar, EnvironmentAware, ResourceLoaderAware, BeanClassLoaderAware {

	private static final String MARKER_BEAN_NAME = IpcClientsRegistrar.class.getName() + ".explicitScan";

	private @Nullable Environment environment;

	private @Nullable ResourceLoader resourceLoader;

	private @Nullable ClassLoader classLoader;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setResourceLoader(ResourceLoader resourceLoader) {
		this.resourceLoader = resourceLoader;
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Map<String, @Nullable Object> attributes = metadata.getAnnotationAttributes(EnableIpcClients.class.getName());
		Set<String> classNames = new LinkedHashSet<>();
		Class<?>[] clients = (attributes != null) ? (Class<?>[]) attributes.get("clients") : null;
		if (clients != null && clients.length > 0) {
			Arrays.stream(clients).map(Class::getName).forEach(classNames::add);
		}
		else {
			classNames.addAll(scan(basePackages(metadata, attributes)));
		}
		classNames.forEach(className -> registerClient(className, registry));
		registerMarker(registry);
	}

	/**
	 * Leaves the marker bean that tells the auto-configuration that the application chose what to scan.
	 * @param registry the registry
	 */
	protected void registerMarker(BeanDefinitionRegistry registry) {
		if (!registry.containsBeanDefinition(MARKER_BEAN_NAME)) {
			registry.registerBeanDefinition(MARKER_BEAN_NAME, new RootBeanDefinition(ExplicitScan.class));
		}
	}

	/**
	 * Returns the packages to scan.
	 * @param metadata the importing class
	 * @param attributes the attributes of {@code @EnableIpcClients}, or {@code null}
	 * @return the packages
	 */
	protected List<String> basePackages(AnnotationMetadata metadata, @Nullable Map<String, @Nullable Object> attributes) {
		Set<String> packages = new LinkedHashSet<>();
		if (attributes != null) {
			packages.addAll(Arrays.asList((String[]) attributes.getOrDefault("basePackages", new String[0])));
			for (Class<?> type : (Class<?>[]) attributes.getOrDefault("basePackageClasses", new Class<?>[0])) {
				packages.add(type.getPackageName());
			}
		}
		if (packages.isEmpty()) {
			packages.add(ClassUtils.getPackageName(metadata.getClassName()));
		}
		return new ArrayList<>(packages);
	}

	private Set<String> scan(List<String> packages) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false,
				requireEnvironment()) {
			@Override
			protected boolean isCandidateComponent(
					org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
				return definition.getMetadata().isInterface() && definition.getMetadata().isIndependent();
			}
		};
		if (this.resourceLoader != null) {
			scanner.setResourceLoader(this.resourceLoader);
		}
		scanner.addIncludeFilter(new AnnotationTypeFilter(IpcClient.class, true, true));
		Set<String> classNames = new LinkedHashSet<>();
		for (String basePackage : packages) {
			for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
				classNames.add(candidate.getBeanClassName());
			}
		}
		return classNames;
	}

	private void registerClient(String className, BeanDefinitionRegistry registry) {
		Class<?> type = ClassUtils.resolveClassName(className, this.classLoader);
		if (!type.isInterface() || !type.isAnnotationPresent(IpcClient.class)) {
			throw new IllegalArgumentException(className + " is not an interface annotated with @IpcClient; "
					+ "@EnableIpcClients(clients = ...) takes only such interfaces");
		}
		String beanName = className;
		if (registry.containsBeanDefinition(beanName)) {
			BeanDefinition existing = registry.getBeanDefinition(beanName);
			if (IpcClientFactoryBean.class.getName().equals(existing.getBeanClassName())) {
				return;
			}
			throw new IllegalStateException("Cannot register @IpcClient " + className + " as bean '" + beanName
					+ "': a bean of that name is already defined (" + existing.getResourceDescription()
					+ "). Rename that bean, since @IpcClient beans are named after their interface.");
		}
		RootBeanDefinition definition = new RootBeanDefinition(IpcClientFactoryBean.class);
		definition.getConstructorArgumentValues().addIndexedArgumentValue(0, type);
		definition.setAttribute(FactoryBean.OBJECT_TYPE_ATTRIBUTE, type);
		definition.setRole(BeanDefinition.ROLE_APPLICATION);
		registry.registerBeanDefinition(beanName, definition);
	}

	private Environment requireEnvironment() {
		if (this.environment == null) {
			throw new IllegalStateException("No Environment set");
		}
		return this.environment;
	}

	/**
	 * Marker bean left by {@link EnableIpcClients @EnableIpcClients}.
	 */
	public static final class ExplicitScan {

	}

}
