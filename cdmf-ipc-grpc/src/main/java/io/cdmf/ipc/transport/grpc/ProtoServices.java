package io.cdmf.ipc.transport.grpc;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.google.protobuf.Descriptors;
import io.cdmf.ipc.ErrorCode;
import io.cdmf.ipc.IpcException;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.protobuf.ProtoFileDescriptorSupplier;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declares user services to gRPC from their protobuf descriptors (option
 * {@value GrpcTransport#OPTION_PROTO_DESCRIPTOR}: the class protoc generated for a {@code .proto} file, whose
 * static {@code getDescriptor()} returns its {@code FileDescriptor}), so that server reflection lists them with their message types. Their unary methods are
 * served on raw bytes as {@link RawMethodRegistry} serves undeclared ones; streaming methods are left out.
 *
 * @since 0.1.0
 */
final class ProtoServices {

	private static final Logger logger = LoggerFactory.getLogger(GrpcTransport.class);

	private ProtoServices() {
	}

	/**
	 * Builds the service definitions of the descriptor classes.
	 * @param classNames the generated outer class names
	 * @param only the service names to declare; empty for every service in the files
	 * @param handler what serves the requests
	 * @return the definitions
	 * @throws IpcException with {@code INVALID_ARGUMENT} if a class cannot be loaded or gives no descriptor
	 */
	static List<ServerServiceDefinition> load(List<String> classNames, Set<String> only,
			RawMethodRegistry.RawHandler handler) {
		List<ServerServiceDefinition> result = new ArrayList<>();
		for (String className : classNames) {
			Descriptors.FileDescriptor file = descriptor(className);
			for (Descriptors.ServiceDescriptor service : file.getServices()) {
				if (only.isEmpty() || only.contains(service.getFullName())) {
					result.add(define(file, service, handler));
				}
			}
		}
		return result;
	}

	private static Descriptors.FileDescriptor descriptor(String className) {
		try {
			ClassLoader loader = Thread.currentThread().getContextClassLoader();
			Class<?> type = Class.forName(className, true,
					(loader != null) ? loader : ProtoServices.class.getClassLoader());
			return (Descriptors.FileDescriptor) type.getMethod("getDescriptor").invoke(null);
		}
		catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException | InvocationTargetException
				| ClassCastException ex) {
			throw new IpcException(ErrorCode.INVALID_ARGUMENT, "Option " + GrpcTransport.OPTION_PROTO_DESCRIPTOR
					+ " names " + className + ", which is not a protoc-generated class with a static getDescriptor() "
					+ "returning a FileDescriptor: " + ex, ex);
		}
	}

	private static ServerServiceDefinition define(Descriptors.FileDescriptor file,
			Descriptors.ServiceDescriptor service, RawMethodRegistry.RawHandler handler) {
		ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(service.getFullName())
			.setSchemaDescriptor(new Schema(file, service, null));
		List<MethodDescriptor<byte[], byte[]>> methods = new ArrayList<>();
		for (Descriptors.MethodDescriptor method : service.getMethods()) {
			if (method.isClientStreaming() || method.isServerStreaming()) {
				logger.warn("{}/{} streams; only unary methods are served to standard gRPC clients",
						service.getFullName(), method.getName());
				continue;
			}
			MethodDescriptor<byte[], byte[]> grpcMethod = RawMethodRegistry.descriptor(
					MethodDescriptor.generateFullMethodName(service.getFullName(), method.getName()),
					new Schema(file, service, method.getName()));
			methods.add(grpcMethod);
			descriptor.addMethod(grpcMethod);
		}
		ServerServiceDefinition.Builder definition = ServerServiceDefinition.builder(descriptor.build());
		for (MethodDescriptor<byte[], byte[]> method : methods) {
			definition.addMethod(RawMethodRegistry.definition(method, handler));
		}
		return definition.build();
	}

	/**
	 * What server reflection reads from a service and its methods.
	 */
	private static final class Schema
			implements ProtoFileDescriptorSupplier, ProtoServiceDescriptorSupplier, ProtoMethodDescriptorSupplier {

		private final Descriptors.FileDescriptor file;

		private final Descriptors.ServiceDescriptor service;

		private final @Nullable String method;

		Schema(Descriptors.FileDescriptor file, Descriptors.ServiceDescriptor service, @Nullable String method) {
			this.file = file;
			this.service = service;
			this.method = method;
		}

		@Override
		public Descriptors.FileDescriptor getFileDescriptor() {
			return this.file;
		}

		@Override
		public Descriptors.ServiceDescriptor getServiceDescriptor() {
			return this.service;
		}

		@Override
		public Descriptors.@Nullable MethodDescriptor getMethodDescriptor() {
			return (this.method != null) ? this.service.findMethodByName(this.method) : null;
		}

	}

}
