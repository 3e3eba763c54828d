package io.xoal.events.workflow;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.ServerSocket;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) in the test JVM, started once for every {@code @QuarkusTest}
 * (registered globally by {@link WorkflowEmailTest}) on a free port of 127.0.0.1 that the mailer
 * is pointed at. A test field annotated {@link Smtp} receives the server: it can stop and start it
 * again on the same port.
 */
public class EmailTestServer implements QuarkusTestResourceLifecycleManager {

    /** Marks the test field that receives the {@link GreenMail} server. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Smtp {
    }

    private GreenMail smtp;

    @Override
    public Map<String, String> start() {
        int port = freePort();
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", Integer.toString(port));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(smtp, new TestInjector.AnnotatedAndMatchesType(Smtp.class, GreenMail.class));
    }

    @Override
    public void stop() {
        smtp.stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
