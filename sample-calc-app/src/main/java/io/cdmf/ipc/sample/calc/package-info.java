/**
 * The calculator sample: the contract shared by its Spring Boot server and client applications.
 */
@NullMarked
package io.cdmf.ipc.sample.calc;

import org.jspecify.annotations.NullMarked;
