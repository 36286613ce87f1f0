/**
 * The embedded registry: no server, one file per instance in a runtime directory, for processes of one user on one
 * host.
 */
@NullMarked
package io.cdmf.ipc.discovery.embedded;

import org.jspecify.annotations.NullMarked;
