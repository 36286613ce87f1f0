package io.cdmf.ipc.spring.autoconfigure;

import java.util.function.Consumer;
import java.util.function.Function;

import io.cdmf.ipc.spring.IpcPropertyNames;
import org.jspecify.annotations.Nullable;

/**
 * Looks up one setting of the clients of a service: {@code cdmf.ipc.client.services.<name>.<key>}, then (for the
 * attributes the annotation has) the annotation's value, then {@code cdmf.ipc.client.<key>}. Each value found comes
 * with the property it was found under, so that a value that cannot be used fails naming the property to fix.
 */
final class ClientSettingLookup {

	private final String service;

	private final IpcClientSettings own;

	private final IpcClientSettings defaults;

	ClientSettingLookup(String service, IpcClientSettings own, IpcClientSettings defaults) {
		this.service = service;
		this.own = own;
		this.defaults = defaults;
	}

	String service() {
		return this.service;
	}

	/**
	 * Returns the per-service property of a key, which error messages name when no value was set anywhere.
	 */
	String property(String key) {
		return IpcPropertyNames.client(this.service, key);
	}

	<T> @Nullable Setting<T> find(String key, Function<IpcClientSettings, @Nullable T> getter) {
		return find(key, getter, null);
	}

	/**
	 * Finds a value; one from the annotation is reported under the per-service property, which overrides it.
	 */
	<T> @Nullable Setting<T> find(String key, Function<IpcClientSettings, @Nullable T> getter,
			@Nullable T annotation) {
		T value = getter.apply(this.own);
		if (value != null) {
			return new Setting<>(value, property(key));
		}
		if (annotation != null) {
			return new Setting<>(annotation, property(key));
		}
		value = getter.apply(this.defaults);
		return (value != null) ? new Setting<>(value, IpcPropertyNames.clientDefault(key)) : null;
	}

	/**
	 * Hands a value, if one is set, to a builder method, turning the method's {@link IllegalArgumentException} into
	 * a failure that names the property.
	 */
	<T> void apply(String key, Function<IpcClientSettings, @Nullable T> getter, Consumer<T> setter) {
		Setting<T> setting = find(key, getter);
		if (setting != null) {
			IpcSettings.check(setting.property(), setting.value(), () -> {
				setter.accept(setting.value());
				return setting;
			});
		}
	}

	/**
	 * A value and the property it was found under.
	 *
	 * @param <T> the value's type
	 * @param value the value
	 * @param property the property's full name
	 */
	record Setting<T>(T value, String property) {

	}

}
