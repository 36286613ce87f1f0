package io.cdmf.ipc.spring.client;

import io.cdmf.ipc.spring.IpcConfigurationException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.SmartFactoryBean;

/**
 * Makes the bean of one {@link io.cdmf.ipc.spring.annotation.IpcClient @IpcClient} interface: reads the annotation
 * and asks the {@link IpcClientRegistry} for the client. Clients are created eagerly, at startup, so that a
 * missing or bad setting fails the application at once rather than on first use; creating one does not connect.
 *
 * @since 0.1.0
 */
public class IpcClientFactoryBean implements SmartFactoryBean<Object>, BeanFactoryAware {

	private final Class<?> type;

	private @Nullable BeanFactory beanFactory;

	private @Nullable Object client;

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

	/**
	 * Returns the client, creating it on the first call. Kept here as well as in the bean factory's cache, since
	 * lookups by type can ask a {@link SmartFactoryBean} again, and each client owns a connection.
	 * @return the client
	 */
	@Override
	public synchronized Object getObject() {
		Object existing = this.client;
		if (existing != null) {
			return existing;
		}
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
		Object created = registry.createClient(IpcClientDefinition.of(this.type));
		this.client = created;
		return created;
	}

	@Override
	public boolean isEagerInit() {
		return true;
	}

	@Override
	public Class<?> getObjectType() {
		return this.type;
	}

}
