package io.cdmf.ipc.sample.calc.client;

import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.sample.calc.Calculator;
import io.cdmf.ipc.spring.annotation.IpcClient;

/**
 * The calculator as this application calls it: a bean, created from the annotation.
 */
@IpcClient(service = "CalculationService", version = "1.0", endpoint = "unix:///tmp/cdmf_calc.sock",
		serialization = SerializationFormat.PROTOBUF)
public interface CalculatorClient extends Calculator {

}
