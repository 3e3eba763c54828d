package io.xoal.events.error;

import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.function.Function;

/**
 * Reads integer path and query parameters so that a value that is not one ({@code ?limit=abc},
 * {@code /v1/segments/abc}) is a 400 naming the parameter, not JAX-RS's bare 404.
 */
@Provider
public class NumberParamConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = name(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == Integer.class || rawType == int.class) {
            return (ParamConverter<T>) new Converter<>(name, Integer::valueOf);
        }
        if (rawType == Long.class || rawType == long.class) {
            return (ParamConverter<T>) new Converter<>(name, Long::valueOf);
        }
        return null;
    }

    private static String name(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            }
            if (annotation instanceof PathParam path) {
                return path.value();
            }
        }
        return null;
    }

    /** Parses one parameter; the failure is thrown as a parameter problem the mapper answers as 400. */
    private record Converter<N extends Number>(String name, Function<String, N> parse) implements ParamConverter<N> {

        @Override
        public N fromString(String value) {
            try {
                return value == null ? null : parse.apply(value.trim());
            } catch (NumberFormatException e) {
                throw new InvalidParameterException(name, "must be an integer, not '" + value + "'");
            }
        }

        @Override
        public String toString(N value) {
            return String.valueOf(value);
        }
    }
}
