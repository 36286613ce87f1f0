package io.cdmf.ipc.sample.calc.server;

import java.util.concurrent.CompletableFuture;

import io.cdmf.ipc.message.SerializationFormat;
import io.cdmf.ipc.sample.calc.Calculator;
import io.cdmf.ipc.sample.calc.proto.Note;
import io.cdmf.ipc.sample.calc.proto.Operands;
import io.cdmf.ipc.sample.calc.proto.Result;
import io.cdmf.ipc.spring.annotation.IpcService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@IpcService(name = "CalculationService", version = "1.0.0", endpoints = "unix:///tmp/cdmf_calc.sock",
		serialization = SerializationFormat.PROTOBUF)
class CalculationService implements Calculator {

	private static final Logger logger = LoggerFactory.getLogger(CalculationService.class);

	@Override
	public Result add(Operands operands) {
		return result(operands.getA() + operands.getB());
	}

	@Override
	public Result multiply(Operands operands) {
		return result(operands.getA() * operands.getB());
	}

	@Override
	public Result divide(Operands operands) {
		if (operands.getB() == 0) {
			throw new ArithmeticException("division by zero");
		}
		return result(operands.getA() / operands.getB());
	}

	@Override
	public CompletableFuture<Result> power(Operands operands) {
		return CompletableFuture.supplyAsync(() -> result((long) Math.pow(operands.getA(), operands.getB())));
	}

	@Override
	public void log(Note note) {
		logger.info("Client says: {}", note.getText());
	}

	private static Result result(long value) {
		return Result.newBuilder().setValue(value).build();
	}

}
