package io.vigie.agent.exec;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link CommandRunner} on {@link ProcessBuilder}: C locale, stdout and stderr read concurrently (a full
 * pipe cannot block the child), output capped, and on timeout the descendants then the process killed.
 */
final class SystemCommandRunner implements CommandRunner {

    /** Output beyond this is dropped (a runaway command must not exhaust the agent's memory). */
    static final int MAX_OUTPUT_BYTES = 8 * 1024 * 1024;

    @Override
    public CommandResult run(List<String> argv, String stdin, Duration timeout) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        Path program = resolve(argv.get(0));
        if (program == null) {
            return CommandResult.notFound(argv);
        }
        List<String> command = new java.util.ArrayList<>(argv);
        command.set(0, program.toString());
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("LC_ALL", "C");
        env.put("LANG", "C");
        env.remove("LANGUAGE");
        long start = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return CommandResult.notFound(argv);
        }
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> drain(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> drain(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException ignored) {
            // the process may exit without reading its input; its output tells what happened
        }
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            killTree(p);
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            killTree(p);
        }
        String stdout = text(out);
        String stderr = text(err);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new CommandResult(List.copyOf(argv), finished ? p.exitValue() : -1, stdout, stderr, !finished, false, elapsed);
    }

    private static void killTree(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String text(CompletableFuture<byte[]> f) {
        try {
            return new String(f.get(2, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } catch (ExecutionException | TimeoutException e) {
            // a grandchild that escaped the kill may hold the pipe open: give up on the rest of the output
            return "";
        }
    }

    private static byte[] drain(InputStream in) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                if (buf.size() < MAX_OUTPUT_BYTES) {
                    buf.write(chunk, 0, Math.min(n, MAX_OUTPUT_BYTES - buf.size()));
                }
            }
        } catch (IOException e) {
            // stream closed by the kill
        }
        return buf.toByteArray();
    }

    /** Admin tools live in sbin, which an unprivileged user's PATH often lacks. */
    private static final List<String> EXTRA_DIRS = List.of("/usr/local/sbin", "/usr/sbin", "/sbin");

    /**
     * Resolves a program on PATH (plus the sbin folders) so a missing tool is "not found", not an
     * exception; null when absent.
     */
    static Path resolve(String program) {
        if (program.contains("/") || program.contains(File.separator)) {
            Path p = Path.of(program);
            return Files.isExecutable(p) ? p : null;
        }
        String path = System.getenv("PATH");
        List<String> dirs = new java.util.ArrayList<>();
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        if (File.separatorChar == '/') {
            dirs.addAll(EXTRA_DIRS);
        }
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate;
            }
            if (File.separatorChar == '\\') {
                Path exe = Path.of(dir, program + ".exe");
                if (Files.isExecutable(exe)) {
                    return exe;
                }
            }
        }
        return null;
    }

}
