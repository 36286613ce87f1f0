/**
 * The smallest Spring Boot service and client, the size benchmark of {@code docs/spring-boot.md}.
 */
@NullMarked
package io.cdmf.ipc.sample.echo;

import org.jspecify.annotations.NullMarked;
