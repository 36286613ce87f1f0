package io.cdmf.ipc.spring.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Auto-configures CDMF IPC for a test, with every service and client moved to {@code inproc://} under names unique
 * to the test context. Add it to a {@code @SpringBootTest} to keep the rest of the application as it is; use
 * {@link IpcTest @IpcTest} for a test of IPC beans only.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
public @interface AutoConfigureIpc {

}
