package io.cdmf.ipc.sample.calc;

import java.util.concurrent.CompletableFuture;

import io.cdmf.ipc.binding.OneWay;
import io.cdmf.ipc.sample.calc.proto.Note;
import io.cdmf.ipc.sample.calc.proto.Operands;
import io.cdmf.ipc.sample.calc.proto.Result;

/**
 * The calculator contract, shared by server and client: each method is a remote call carrying Protobuf messages.
 */
public interface Calculator {

	Result add(Operands operands);

	Result multiply(Operands operands);

	Result divide(Operands operands);

	CompletableFuture<Result> power(Operands operands);

	@OneWay
	void log(Note note);

}
