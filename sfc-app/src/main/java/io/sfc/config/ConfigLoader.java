package io.sfc.config;

import io.sfc.reader.EnvSubstitution;
import io.sfc.reader.Node;
import io.sfc.reader.Problems;
import io.sfc.reader.Section;
import io.sfc.secret.ChildEnv;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Loads and validates a controller's YAML configuration file. See {@code docs/configuration.md} for
 * every key. Loading either returns a complete, safe configuration or throws a {@link
 * ConfigException} naming the file, each bad key, its value and the fix.
 */
public final class ConfigLoader {

  private ConfigLoader() {}

  /** Loads {@code file}, expanding {@code ${VAR}} from the process environment. */
  public static SfcConfig load(Path file) throws ConfigException {
    return load(file, System.getenv());
  }

  /**
   * Loads {@code file}, expanding {@code ${VAR}} and {@code ${VAR:-default}} from {@code env}.
   *
   * @throws ConfigException when the file cannot be read or parsed, or any value is invalid
   */
  public static SfcConfig load(Path file, Map<String, String> env) throws ConfigException {
    return parse(read(file, new Problems(file.toString())), file, env);
  }

  /**
   * Parses YAML {@code text} as if it had been read from {@code source} (used in messages and to
   * resolve relative paths); for configurations generated in memory, e.g. from airflow.cfg.
   */
  public static SfcConfig parse(String text, Path source, Map<String, String> env)
      throws ConfigException {
    Problems problems = new Problems(source.toString());
    EnvSubstitution substitution = new EnvSubstitution(env);
    Node root = YamlTree.parse(text, substitution, problems);
    if (root == null) {
      throw ConfigException.fatal(problems, 0, emptyMessage());
    }
    if (root.kind() != Node.Kind.MAP) {
      throw ConfigException.fatal(problems, root.line(), notAMapMessage(root));
    }
    SfcConfig config = ConfigBinder.bind(root, source, problems);
    if (problems.count() > 0) {
      throw new ConfigException(problems.lines());
    }
    ChildEnv.install(new ChildEnv(substitution.referenced(), passthrough(root)));
    return config;
  }

  /** Per service name, its {@code env_passthrough:} names (already validated by the binder). */
  private static Map<String, Set<String>> passthrough(Node root) {
    Map<String, Set<String>> out = new HashMap<>();
    Node services = root.entries().get("services");
    if (services == null || services.kind() != Node.Kind.LIST) {
      return out;
    }
    for (Node item : services.items()) {
      Node list = item.kind() == Node.Kind.MAP ? item.entries().get("env_passthrough") : null;
      if (list != null && list.kind() == Node.Kind.LIST) {
        Set<String> names = new HashSet<>();
        list.items().forEach(n -> names.add(n.text()));
        Node name = item.entries().get("name");
        out.put(name == null ? "" : name.text(), names);
      }
    }
    return out;
  }

  private static String read(Path file, Problems problems) throws ConfigException {
    if (Files.isDirectory(file)) {
      throw ConfigException.fatal(
          problems, 0, "is a directory; give the path of the YAML file itself");
    }
    try {
      return decode(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw ConfigException.fatal(
          problems, 0, "file not found; check the path, and that the file exists on this node");
    } catch (AccessDeniedException e) {
      throw ConfigException.fatal(
          problems,
          0,
          "cannot read the file (permission denied); make it readable by the sfc user");
    } catch (CharacterCodingException e) {
      throw ConfigException.fatal(problems, 0, "is not valid UTF-8 text; save the file as UTF-8");
    } catch (IOException e) {
      throw ConfigException.fatal(
          problems, 0, "cannot read the file (" + e + "); check the path and disk");
    }
  }

  private static String decode(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }

  private static String emptyMessage() {
    return "the file is empty; a configuration needs at least cluster, nodes, metastore and"
        + " services (see examples/sfc.yaml and docs/configuration.md)";
  }

  private static String notAMapMessage(Node root) {
    return "the file must be a map of keys ("
        + String.join(", ", ConfigBinder.ROOT_KEYS)
        + ") but holds "
        + Section.describe(root)
        + "; start each top-level key at the beginning of a line, e.g. cluster: airflow-prod";
  }
}
