package com.example.sliceapp;

import org.springframework.stereotype.Component;

/**
 * Not an IPC bean: {@code @IpcTest} leaves it out (a top-level class: a member class of the application class
 * would be registered with it, past the slice's filter).
 */
@Component
public class Unrelated {

}
