/**
 * Service discovery on Apache ZooKeeper through Apache Curator, for services that run on many hosts:
 * {@link io.cdmf.ipc.discovery.zookeeper.ZooKeeperDiscovery}.
 */
@NullMarked
package io.cdmf.ipc.discovery.zookeeper;

import org.jspecify.annotations.NullMarked;
