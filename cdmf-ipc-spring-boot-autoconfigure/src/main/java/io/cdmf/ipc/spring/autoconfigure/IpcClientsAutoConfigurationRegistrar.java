package io.cdmf.ipc.spring.autoconfigure;

import java.util.List;
import java.util.Map;

import io.cdmf.ipc.spring.client.IpcClientsRegistrar;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.core.type.AnnotationMetadata;

/**
 * The {@link IpcClientsRegistrar} of the default scan: it looks in the application's auto-configuration packages
 * (those of its {@code @SpringBootApplication}) and leaves no marker.
 */
class IpcClientsAutoConfigurationRegistrar extends IpcClientsRegistrar implements BeanFactoryAware {

	private @Nullable BeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		BeanFactory factory = this.beanFactory;
		if (factory != null && AutoConfigurationPackages.has(factory)) {
			super.registerBeanDefinitions(metadata, registry);
		}
	}

	@Override
	protected List<String> basePackages(AnnotationMetadata metadata, @Nullable Map<String, @Nullable Object> attributes) {
		BeanFactory factory = this.beanFactory;
		return (factory != null) ? AutoConfigurationPackages.get(factory) : List.of();
	}

	@Override
	protected void registerMarker(BeanDefinitionRegistry registry) {
	}

}
