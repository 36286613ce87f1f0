/**
 * {@link io.cdmf.ipc.factory.ServiceProxyFactory}: proxies created by service name and version, with discovery,
 * transport selection by locality, and a proxy cache.
 */
@NullMarked
package io.cdmf.ipc.factory;

import org.jspecify.annotations.NullMarked;
