package io.sfc.runner.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs commands with {@code sh -c} on this machine, killing them after the timeout. */
public final class LocalShell implements Shell {

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

  private static String text(CompletableFuture<byte[]> f) {
    return new String(f.getNow(new byte[0]), StandardCharsets.UTF_8);
  }

  @Override
  public String describe() {
    return "local";
  }
}
