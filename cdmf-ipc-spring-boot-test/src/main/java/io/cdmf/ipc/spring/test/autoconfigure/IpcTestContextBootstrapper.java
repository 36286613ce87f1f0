package io.cdmf.ipc.spring.test.autoconfigure;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/**
 * The test context bootstrapper of {@link IpcTest @IpcTest}.
 */
class IpcTestContextBootstrapper extends TestSliceTestContextBootstrapper<IpcTest> {

}
