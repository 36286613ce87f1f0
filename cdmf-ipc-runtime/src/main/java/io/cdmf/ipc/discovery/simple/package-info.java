/**
 * A static registry: instances listed in configuration, plus those registered in the same JVM.
 */
@NullMarked
package io.cdmf.ipc.discovery.simple;

import org.jspecify.annotations.NullMarked;
