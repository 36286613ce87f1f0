package io.cdmf.ipc.spring.client;

import io.cdmf.ipc.spring.IpcConfigurationException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;

/**
 * Makes the bean of one {@link io.cdmf.ipc.spring.annotation.IpcClient @IpcClient} interface: reads the annotation
 * and asks the {@link IpcClientRegistry} for the client when the bean is first needed.
 *
 * @since 0.1.0
 */
public class IpcClientFactoryBean implements FactoryBean<Object>, BeanFactoryAware {

	private final Class<?> type;

	private @Nullable BeanFactory beanFactory;

	/**
	 * Creates a factory bean.
	 * @param type the client interface
	 */
	public IpcClientFactoryBean(Class<?> type) {
		this.type = type;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public Object getObject() {
		BeanFactory factory = this.beanFactory;
		if (factory == null) {
			throw new IllegalStateException("No BeanFactory set for the client " + this.type.getName());
		}
		IpcClientRegistry registry;
		try {
			registry = factory.getBean(IpcClientRegistry.class);
		}
		catch (NoSuchBeanDefinitionException ex) {
			throw new IpcConfigurationException("cdmf.ipc.enabled", null,
					"@IpcClient " + this.type.getName() + " cannot be created: CDMF IPC is not auto-configured",
					"Remove cdmf.ipc.enabled=false, or make sure the IpcClientAutoConfiguration is not excluded.",
					ex);
		}
		return registry.createClient(IpcClientDefinition.of(this.type));
	}

	@Override
	public Class<?> getObjectType() {
		return this.type;
	}

}
