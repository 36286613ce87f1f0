/**
 * Built-in authentication: bearer tokens carried in a message header, and allow-lists of the Unix users and groups
 * the kernel reports for a peer; see {@code docs/security.md} for what each transport can prove.
 */
@NullMarked
package io.cdmf.ipc.security;

import org.jspecify.annotations.NullMarked;
