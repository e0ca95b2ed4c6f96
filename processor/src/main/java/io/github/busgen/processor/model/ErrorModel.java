package io.github.busgen.processor.model;

import com.palantir.javapoet.ClassName;
import io.github.busgen.processor.diag.Location;

/**
 * A D-Bus error that a method declares: an exception class with an error name.
 *
 * @param name     the D-Bus error name (checked by the validator)
 * @param javaType the exception, which has a constructor taking the error message
 * @param location where the name was given
 */
public record ErrorModel(String name, ClassName javaType, Location location) {
}
