/**
 * The user's path of the benchmark: a Spring Boot server ({@code server}) and client ({@code client}) application
 * with the starter, written as the getting-started guide shows, each run in a JVM of its own by the benchmark.
 */
@NullMarked
package io.cdmf.ipc.benchmark.boot;

import org.jspecify.annotations.NullMarked;
