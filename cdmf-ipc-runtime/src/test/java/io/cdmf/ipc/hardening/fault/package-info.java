/**
 * Faults across real processes: {@code kill -9}, {@code SIGSTOP} and full file systems under servers, clients,
 * journal consumers and registry owners, with the goals 0 hung calls, 0 lost durable events, 0 double executions.
 */
@NullMarked
package io.cdmf.ipc.hardening.fault;

import org.jspecify.annotations.NullMarked;
