package io.xoal.events.it;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The packaged service run as a separate process, to be killed for real: the native binary when
 * the build made one ({@code native.image.path}, the {@code native} profile), else
 * {@code target/quarkus-app}. It sees only the datasource it is given, never the build's.
 */
final class ServiceProcess implements AutoCloseable {

    static final String ADMIN_KEY = "adm_itadminkey0000000000000000000000";
    static final String INGEST_KEY = "ing_itingestkey000000000000000000000";

    private final Map<String, String> environment;
    private final int port;
    private final File log;
    private Process process;

    ServiceProcess(Map<String, String> environment) throws IOException {
        this.environment = environment;
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
        this.log = File.createTempFile("xoal-service", ".log");
    }

    void start() throws IOException {
        start(Duration.ofSeconds(90));
    }

    /** Starts the service and waits up to {@code timeout} for it to be ready (several replicas starting at once take longer). */
    void start(Duration timeout) throws IOException {
        launch();
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(this::ready);
    }

    /** Starts the service and waits for it to exit by itself; its exit code. */
    int runToExit(Duration timeout) throws IOException, InterruptedException {
        launch();
        return awaitExit(timeout);
    }

    String output() throws IOException {
        return Files.readString(log.toPath());
    }

    private void launch() throws IOException {
        String nativeImage = System.getProperty("native.image.path");
        Path jar = Path.of(System.getProperty("xoal.app.dir", "target/quarkus-app"), "quarkus-run.jar");
        ProcessBuilder builder = new ProcessBuilder(nativeImage != null
                ? List.of(nativeImage, "-Xmx512m")
                : List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar.toString()));
        Map<String, String> env = new HashMap<>(environment);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("XOAL_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY);
        env.put("XOAL_BOOTSTRAP_INGEST_KEY", INGEST_KEY);
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_DATASOURCE_"));
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        process = builder.start();
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM, without waiting: the service runs its graceful shutdown while the caller watches. */
    void terminate() {
        process.destroy();
    }

    /** Waits for the process to end; its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("The service did not exit within " + timeout + "; see " + log);
        }
        return process.exitValue();
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    RequestSpecification ingest() {
        return RestAssured.given().baseUri("http://127.0.0.1").port(port)
                .header("Authorization", "Bearer " + INGEST_KEY).contentType(ContentType.JSON);
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException("The service exited with status " + process.exitValue() + "; see " + log);
        }
        try {
            return RestAssured.given().baseUri("http://127.0.0.1").port(port).get("/q/health/ready").statusCode() == 200;
        } catch (Exception e) {
            // RestAssured rethrows ConnectException undeclared while the port is not open yet.
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }
}
