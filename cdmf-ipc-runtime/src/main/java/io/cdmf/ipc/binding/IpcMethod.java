package io.cdmf.ipc.binding;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the remote method that a contract method calls; without it the Java method's name is used.
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface IpcMethod {

	/**
	 * Returns the remote method name.
	 * @return the name
	 */
	String value();

}
