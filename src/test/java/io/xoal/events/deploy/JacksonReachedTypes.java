package io.xoal.events.deploy;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds, in the compiled application, the values handed to Jackson outside Quarkus's view: bodies
 * put into a {@code Response} by hand and values given to an {@code ObjectMapper} or Vert.x
 * {@code Json}. For each such argument it follows the bytecode back to where the value was made
 * ({@code new}, a method's or field's declared generic type, a class literal, a local variable)
 * and, through a method parameter, to every caller in the application.
 *
 * <p>The result maps each application type found to one place that reached it, for the message of
 * a failing test. {@link JacksonTypes} then adds what Jackson reaches from those types.
 */
final class JacksonReachedTypes {

    /** owner internal name + "." + method name; every argument of these calls goes to Jackson. */
    private static final Set<String> SINKS = Set.of(
            "jakarta/ws/rs/core/Response$ResponseBuilder.entity",
            "jakarta/ws/rs/core/Response.ok",
            "org/jboss/resteasy/reactive/RestResponse.ok",
            "org/jboss/resteasy/reactive/RestResponse.status",
            "org/jboss/resteasy/reactive/RestResponse$ResponseBuilder.entity",
            "com/fasterxml/jackson/databind/ObjectMapper.writeValueAsString",
            "com/fasterxml/jackson/databind/ObjectMapper.writeValueAsBytes",
            "com/fasterxml/jackson/databind/ObjectMapper.writeValue",
            "com/fasterxml/jackson/databind/ObjectMapper.valueToTree",
            "com/fasterxml/jackson/databind/ObjectMapper.convertValue",
            "com/fasterxml/jackson/databind/ObjectMapper.readValue",
            "com/fasterxml/jackson/databind/ObjectMapper.treeToValue",
            "com/fasterxml/jackson/databind/ObjectMapper.readerFor",
            "com/fasterxml/jackson/databind/ObjectMapper.writerFor",
            "io/vertx/core/json/JsonObject.mapFrom",
            "io/vertx/core/json/JsonObject.mapTo",
            "io/vertx/core/json/Json.encode",
            "io/vertx/core/json/Json.decodeValue");

    private final Path classes;
    private final String rootPackage;
    private final Map<String, ClassNode> nodes = new TreeMap<>();
    private final Map<String, String> found = new TreeMap<>();
    private final Set<String> visitedParameters = new HashSet<>();
    private final Map<MethodNode, Frame<SourceValue>[]> frames = new IdentityHashMap<>();

    JacksonReachedTypes(Path classes, String rootPackage) {
        this.classes = classes;
        this.rootPackage = rootPackage;
    }

    /** Application type (binary name) → the method whose Jackson call reached it. */
    Map<String, String> scan() throws AnalyzerException {
        readAll();
        for (ClassNode owner : nodes.values()) {
            for (MethodNode method : owner.methods) {
                Frame<SourceValue>[] frames = frames(owner, method);
                for (int i = 0; i < method.instructions.size(); i++) {
                    if (method.instructions.get(i) instanceof MethodInsnNode call
                            && SINKS.contains(call.owner + "." + call.name) && frames[i] != null) {
                        String where = owner.name.replace('/', '.') + "." + method.name;
                        int args = Type.getArgumentTypes(call.desc).length;
                        for (int a = 0; a < args; a++) {
                            trace(owner, method, frames, frames[i].getStack(frames[i].getStackSize() - args + a), where);
                        }
                    }
                }
            }
        }
        return found;
    }

    private void trace(ClassNode owner, MethodNode method, Frame<SourceValue>[] frames, SourceValue value, String where)
            throws AnalyzerException {
        for (AbstractInsnNode insn : value.insns) {
            if (insn instanceof TypeInsnNode t && (t.getOpcode() == Opcodes.NEW || t.getOpcode() == Opcodes.CHECKCAST)) {
                add(Type.getObjectType(t.desc), where);
            } else if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof Type type) {
                add(type, where);
            } else if (insn instanceof MethodInsnNode call) {
                JacksonTypes.genericReturn(call).forEach(type -> addName(type, where));
            } else if (insn instanceof FieldInsnNode field
                    && (field.getOpcode() == Opcodes.GETFIELD || field.getOpcode() == Opcodes.GETSTATIC)) {
                genericField(field).forEach(type -> addName(type, where));
            } else if (insn instanceof VarInsnNode load && load.getOpcode() == Opcodes.ALOAD) {
                local(owner, method, frames, load, where);
            } else if (insn.getOpcode() >= Opcodes.DUP && insn.getOpcode() <= Opcodes.DUP2_X2) {
                // new X; dup; <init>: the copy on the stack is the value that was duplicated.
                Frame<SourceValue> at = frames[method.instructions.indexOf(insn)];
                trace(owner, method, frames, at.getStack(at.getStackSize() - 1), where);
            }
            // Anything else (constants, arithmetic, lambdas) makes nothing Jackson would reflect on.
        }
    }

    /** A local variable: trace what was stored into it, or, for a parameter, its type and every caller. */
    private void local(ClassNode owner, MethodNode method, Frame<SourceValue>[] frames, VarInsnNode load, String where)
            throws AnalyzerException {
        SourceValue stored = frames[method.instructions.indexOf(load)].getLocal(load.var);
        if (!stored.insns.isEmpty()) {
            for (AbstractInsnNode store : stored.insns) {
                Frame<SourceValue> at = frames[method.instructions.indexOf(store)];
                trace(owner, method, frames, at.getStack(at.getStackSize() - 1), where);
            }
            return;
        }
        int parameter = parameterIndex(method, load.var);
        if (parameter < 0 || !visitedParameters.add(owner.name + method.name + method.desc + parameter)) {
            return;
        }
        add(Type.getArgumentTypes(method.desc)[parameter], where);
        for (ClassNode caller : nodes.values()) {
            for (MethodNode m : caller.methods) {
                Frame<SourceValue>[] callerFrames = frames(caller, m);
                for (int i = 0; i < m.instructions.size(); i++) {
                    if (m.instructions.get(i) instanceof MethodInsnNode call && call.owner.equals(owner.name)
                            && call.name.equals(method.name) && call.desc.equals(method.desc) && callerFrames[i] != null) {
                        int args = Type.getArgumentTypes(call.desc).length;
                        Frame<SourceValue> f = callerFrames[i];
                        trace(caller, m, callerFrames, f.getStack(f.getStackSize() - args + parameter), where);
                    }
                }
            }
        }
    }

    private static int parameterIndex(MethodNode method, int slot) {
        int next = (method.access & Opcodes.ACC_STATIC) != 0 ? 0 : 1;
        Type[] parameters = Type.getArgumentTypes(method.desc);
        for (int p = 0; p < parameters.length; p++) {
            if (next == slot) {
                return p;
            }
            next += parameters[p].getSize();
        }
        return -1;
    }

    private Frame<SourceValue>[] frames(ClassNode owner, MethodNode method) throws AnalyzerException {
        Frame<SourceValue>[] cached = frames.get(method);
        if (cached == null) {
            cached = new Analyzer<>(new SourceInterpreter()).analyze(owner.name, method);
            frames.put(method, cached);
        }
        return cached;
    }

    private List<String> genericField(FieldInsnNode insn) {
        try {
            Field field = JacksonTypes.load(insn.owner.replace('/', '.')).getDeclaredField(insn.name);
            return JacksonTypes.names(field.getGenericType());
        } catch (ReflectiveOperationException | LinkageError e) {
            return List.of(Type.getType(insn.desc).getClassName());
        }
    }

    private void add(Type type, String where) {
        Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
        if (element.getSort() == Type.OBJECT) {
            addName(element.getClassName(), where);
        }
    }

    private void addName(String type, String where) {
        if (type.startsWith(rootPackage)) {
            found.putIfAbsent(type, where);
        }
    }

    private void readAll() {
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                ClassNode node = new ClassNode();
                new ClassReader(Files.readAllBytes(file)).accept(node, ClassReader.SKIP_FRAMES);
                nodes.put(node.name, node);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
