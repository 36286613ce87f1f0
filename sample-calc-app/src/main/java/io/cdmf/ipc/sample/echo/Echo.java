package io.cdmf.ipc.sample.echo;

public interface Echo {
	String echo(String text);
}
