/**
 * The Actuator endpoint {@code ipc} and its descriptors.
 */
@NullMarked
package io.cdmf.ipc.spring.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
