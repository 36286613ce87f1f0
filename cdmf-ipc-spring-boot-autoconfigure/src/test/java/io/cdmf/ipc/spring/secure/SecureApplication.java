package io.cdmf.ipc.spring.secure;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * An application with method security, the {@link WhoAmIService} and a client of it; properties say which side
 * runs and with which SSL bundle.
 */
@SpringBootApplication
@EnableMethodSecurity
public class SecureApplication {

}
