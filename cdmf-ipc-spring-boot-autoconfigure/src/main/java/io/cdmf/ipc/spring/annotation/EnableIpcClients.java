package io.cdmf.ipc.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.cdmf.ipc.spring.client.IpcClientsRegistrar;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * Chooses where {@link IpcClient @IpcClient} interfaces are looked for, replacing the default scan of the
 * application's auto-configuration packages. Without attributes it scans the annotated class's package.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(IpcClientsRegistrar.class)
public @interface EnableIpcClients {

	/**
	 * Alias for {@link #basePackages()}.
	 * @return the packages to scan
	 */
	@AliasFor("basePackages")
	String[] value() default {};

	/**
	 * Returns the packages to scan for {@code @IpcClient} interfaces.
	 * @return the packages
	 */
	@AliasFor("value")
	String[] basePackages() default {};

	/**
	 * Returns classes whose packages are scanned, a type-safe form of {@link #basePackages()}.
	 * @return the classes
	 */
	Class<?>[] basePackageClasses() default {};

	/**
	 * Returns {@code @IpcClient} interfaces to register as they are; when given, nothing is scanned.
	 * @return the interfaces
	 */
	Class<?>[] clients() default {};

}
