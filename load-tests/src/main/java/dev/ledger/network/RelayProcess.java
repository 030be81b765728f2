package dev.ledger.network;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The launcher's handle on a {@link DelayRelay} process: starts it with its links, learns the ports it listens on,
 * stops and starts links, changes its delay, and measures what it adds to a round trip. The relay ends with this JVM
 * (its input closes).
 */
public final class RelayProcess implements AutoCloseable {

    /** Round trips of one byte per measurement; the median is taken. */
    private static final int PROBES = 41;
    private static final long ANSWER_TIMEOUT_SECONDS = 10;
    private static final long EXIT_TIMEOUT_SECONDS = 10;
    private static final int CALIBRATION_STEPS = 4;
    private static final int CALIBRATED_PERCENT = 3;

    private final Process process;
    private final BufferedReader answers;
    private final PrintStream commands;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final int echoDirect;
    private final int echoRelayed;
    private Duration roundTrip;

    private RelayProcess(Process process, Duration roundTrip) throws IOException {
        this.process = process;
        this.roundTrip = roundTrip;
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        int[] echo = null;
        for (String line = answer(); !line.equals("ready"); line = answer()) {
            String[] words = line.split(" ");
            if (words[0].equals("link")) {
                ports.put(words[1], Integer.parseInt(words[2]));
            } else if (words[0].equals("echo")) {
                echo = new int[] {Integer.parseInt(words[1]), Integer.parseInt(words[2])};
            }
        }
        if (echo == null) {
            throw new IOException("the relay named no echo port");
        }
        this.echoDirect = echo[0];
        this.echoRelayed = echo[1];
    }

    /** A link to start the relay with: {@code listenPort} 0 takes a free port, told by {@link #port}. */
    public record Link(String name, int listenPort, String targetHost, int targetPort) {

        String argument() {
            return name + "@" + listenPort + "=" + targetHost + ":" + targetPort;
        }
    }

    /**
     * Starts the relay with a round trip of {@code roundTrip} on every link (half of it each way), its errors
     * appended to {@code log}.
     */
    public static RelayProcess start(Duration roundTrip, List<Link> links, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx64m", "-XX:+UseSerialGC",
                "-cp", classPath(), DelayRelay.class.getName(), String.valueOf(oneWayMicros(roundTrip))));
        links.forEach(link -> command.add(link.argument()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            return new RelayProcess(process, roundTrip);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw new IOException("the delay relay did not start (see " + log + "): " + e.getMessage(), e);
        }
    }

    /** The port the relay listens on for link {@code name}. */
    public int port(String name) {
        Integer port = ports.get(name);
        if (port == null) {
            throw new IllegalArgumentException("no relay link " + name + " (there are " + ports.keySet() + ")");
        }
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public synchronized Duration roundTrip() {
        return roundTrip;
    }

    /**
     * Sets the round trip every link adds from now on (connections open stay open) and returns it as measured. The
     * relay's own hop adds some tens of microseconds on loopback, so the delay it is given is corrected by what is
     * measured, a few times, until the two agree within {@value #CALIBRATED_PERCENT}%.
     */
    public synchronized Duration roundTrip(Duration roundTrip) throws IOException {
        this.roundTrip = roundTrip;
        long oneWayMicros = oneWayMicros(roundTrip);
        Duration measured = null;
        for (int step = 0; step < CALIBRATION_STEPS; step++) {
            delay(oneWayMicros);
            measured = measureAddedRoundTrip();
            long errorMicros = TimeUnit.NANOSECONDS.toMicros(roundTrip.minus(measured).toNanos());
            if (roundTrip.isZero() || Math.abs(errorMicros) * 100 <= CALIBRATED_PERCENT * roundTrip.toNanos() / 1000) {
                break;
            }
            oneWayMicros = Math.max(0, oneWayMicros + errorMicros / 2);
        }
        return measured;
    }

    /**
     * Stops link {@code name}: its port is free once this returns (for the target itself to take), and its
     * connections are cut. {@link #port} still tells the port it had.
     */
    public synchronized void close(String name) throws IOException {
        port(name);
        ask("close " + name, "closed " + name);
    }

    /** Starts {@code link} again, on the port it had, to a target that may have moved. */
    public synchronized void open(String name, String targetHost, int targetPort) throws IOException {
        Link link = new Link(name, port(name), targetHost, targetPort);
        ask("open " + link.argument(), "link " + name + " " + link.listenPort());
    }

    private void delay(long oneWayMicros) throws IOException {
        String command = "delay " + oneWayMicros;
        ask(command, command);
    }

    private void ask(String command, String expected) throws IOException {
        commands.println(command);
        String answer = answer();
        if (!answer.equals(expected)) {
            throw new IOException("the relay answered '" + answer + "' to '" + command + "'");
        }
    }

    /**
     * What the relay adds to a round trip, measured: the median of {@value #PROBES} one-byte ping-pongs with an echo
     * server through the relay, less the median of as many straight to it.
     */
    public Duration measureAddedRoundTrip() throws IOException {
        return Duration.ofNanos(medianRoundTripNanos(echoRelayed) - medianRoundTripNanos(echoDirect));
    }

    private static long medianRoundTripNanos(int port) throws IOException {
        long[] nanos = new long[PROBES];
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(DelayRelay.LOOPBACK, port), (int) TimeUnit.SECONDS.toMillis(5));
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(ANSWER_TIMEOUT_SECONDS));
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = -1; i < PROBES; i++) { // the first, not counted, sets the connection up through the relay
                long start = System.nanoTime();
                out.write(1);
                if (in.read() < 0) {
                    throw new IOException("the echo through port " + port + " closed");
                }
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - start;
                }
            }
        }
        Arrays.sort(nanos);
        return nanos[PROBES / 2];
    }

    private String answer() throws IOException {
        String line = answers.readLine();
        if (line == null) {
            throw new IOException("the relay ended" + (process.isAlive() ? "" : " with code " + exitCode()));
        }
        return line;
    }

    private int exitCode() {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    /**
     * Stops the relay and waits for it to exit: its ports are free only then, and the next cluster on the same ports
     * checks them first (a CompareIT run found the last mode's relay still listening).
     */
    public void close() {
        commands.close();
        process.destroy();
        try {
            if (!process.waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(EXIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long oneWayMicros(Duration roundTrip) {
        return TimeUnit.NANOSECONDS.toMicros(roundTrip.toNanos()) / 2;
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The jar (or class directory) this class came from: the relay needs nothing else. */
    private static String classPath() {
        try {
            return Path.of(DelayRelay.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("where the relay's classes were loaded from", e);
        }
    }
}
