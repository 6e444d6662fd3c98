package io.sfc.runner.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs commands with {@code sh -c} on this machine, killing them after the timeout. */
public final class LocalShell implements Shell {

  private static final Duration DRAIN_GRACE = Duration.ofSeconds(1);

  private final Duration timeout;

  public LocalShell(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public ShellResult run(String command, byte[] stdin) throws IOException {
    ProcessBuilder pb = new ProcessBuilder("sh", "-c", command);
    io.sfc.secret.ChildEnv.current().scrub(null, pb.environment());
    Process p = pb.start();
    CompletableFuture<byte[]> out = drain(p.getInputStream());
    CompletableFuture<byte[]> err = drain(p.getErrorStream());
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin);
      }
    } catch (IOException e) {
      // the command did not read its input; its status tells the rest
    }
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IOException("local command did not finish within " + timeout + ": " + command);
      }
      return new ShellResult(p.exitValue(), text(out), text(err));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted", e);
    }
  }

  private static CompletableFuture<byte[]> drain(InputStream s) {
    return CompletableFuture.supplyAsync(
        () -> {
          ByteArrayOutputStream b = new ByteArrayOutputStream();
          try (s) {
            s.transferTo(b);
          } catch (IOException e) {
            // partial output is still useful
          }
          return b.toByteArray();
        });
  }

  /**
   * The output read by {@code f}: the process has exited, but its pipe may not be drained yet, so
   * wait for the end of the stream, at most {@link #DRAIN_GRACE} (a background child that kept the
   * pipe open, e.g. an unredirected {@code start_command}, cuts the output there).
   */
  private static String text(CompletableFuture<byte[]> f) {
    try {
      return new String(
          f.get(DRAIN_GRACE.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8);
    } catch (TimeoutException | ExecutionException e) {
      return new String(f.getNow(new byte[0]), StandardCharsets.UTF_8);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new String(f.getNow(new byte[0]), StandardCharsets.UTF_8);
    }
  }

  @Override
  public String describe() {
    return "local";
  }
}
