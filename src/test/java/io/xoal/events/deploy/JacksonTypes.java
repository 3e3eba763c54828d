package io.xoal.events.deploy;

import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodInsnNode;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reflection over the types Jackson reaches: declared generic types, and what a body's properties reach. */
final class JacksonTypes {

    private JacksonTypes() {
    }

    static Class<?> load(String name) throws ClassNotFoundException {
        return Class.forName(name, false, JacksonTypes.class.getClassLoader());
    }

    /** Every class named in a generic type: {@code List<FieldError>} gives List and FieldError. */
    static List<String> names(java.lang.reflect.Type type) {
        List<String> out = new ArrayList<>();
        collect(type, out);
        return out;
    }

    /** The classes in the declared (generic) return type of the called method, or its erasure. */
    static List<String> genericReturn(MethodInsnNode call) {
        try {
            for (Class<?> c = load(call.owner.replace('/', '.')); c != null; c = c.getSuperclass()) {
                for (Method m : c.getDeclaredMethods()) {
                    if (m.getName().equals(call.name) && Type.getMethodDescriptor(m).equals(call.desc)) {
                        return names(m.getGenericReturnType());
                    }
                }
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // Fall through to the erased type.
        }
        return List.of(Type.getReturnType(call.desc).getClassName());
    }

    /**
     * Adds, for each application type, the application types its JSON properties reach (record
     * components, instance fields, getters), transitively; each with the type that led to it.
     */
    static Map<String, String> closure(Map<String, String> roots, String rootPackage) throws ClassNotFoundException {
        Map<String, String> all = new TreeMap<>(roots);
        Deque<String> todo = new ArrayDeque<>(roots.keySet());
        while (!todo.isEmpty()) {
            String name = todo.poll();
            for (String reached : properties(load(name))) {
                if (reached.startsWith(rootPackage) && all.putIfAbsent(reached, "a property of " + name) == null) {
                    todo.add(reached);
                }
            }
        }
        return all;
    }

    private static List<String> properties(Class<?> type) {
        List<String> out = new ArrayList<>();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                collect(component.getGenericType(), out);
            }
            return out;
        }
        for (Field field : type.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
                collect(field.getGenericType(), out);
            }
        }
        for (Method method : type.getMethods()) {
            if (method.getParameterCount() == 0 && method.getName().startsWith("get") && method.getDeclaringClass() == type) {
                collect(method.getGenericReturnType(), out);
            }
        }
        return out;
    }

    private static void collect(java.lang.reflect.Type type, List<String> out) {
        if (type instanceof Class<?> c) {
            out.add((c.isArray() ? c.componentType() : c).getName());
        } else if (type instanceof ParameterizedType p) {
            collect(p.getRawType(), out);
            for (java.lang.reflect.Type argument : p.getActualTypeArguments()) {
                collect(argument, out);
            }
        } else if (type instanceof GenericArrayType array) {
            collect(array.getGenericComponentType(), out);
        } else if (type instanceof WildcardType wildcard) {
            for (java.lang.reflect.Type bound : wildcard.getUpperBounds()) {
                collect(bound, out);
            }
        }
    }
}
