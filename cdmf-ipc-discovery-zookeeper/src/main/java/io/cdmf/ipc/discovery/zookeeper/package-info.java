/**
 * Service discovery on Apache ZooKeeper through Apache Curator: {@link io.cdmf.ipc.discovery.zookeeper.ZooKeeperDiscovery},
 * for services that run on many hosts.
 */
@NullMarked
package io.cdmf.ipc.discovery.zookeeper;

import org.jspecify.annotations.NullMarked;
