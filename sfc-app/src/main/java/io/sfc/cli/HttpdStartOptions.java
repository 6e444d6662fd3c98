package io.sfc.cli;

import io.sfc.lb.Envvars;
import io.sfc.lb.HttpdConfigException;
import io.sfc.lb.HttpdOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** How httpd is started, for reading its configuration as it does (lb-check, doctor). */
final class HttpdStartOptions {
  @Option(
      names = "--define",
      paramLabel = "NAME[=VALUE]",
      description =
          "A define httpd is started with (as httpd -D NAME), for <IfDefine> and ${NAME};"
              + " repeatable.")
  List<String> defines = new ArrayList<>();

  @Option(
      names = "--module",
      paramLabel = "NAME",
      description =
          "A module httpd has loaded (ssl, ssl_module or mod_ssl.c) beyond the LoadModule lines"
              + " read, for <IfModule>; repeatable.")
  List<String> modules = new ArrayList<>();

  @Option(
      names = "--envvars",
      paramLabel = "FILE",
      description =
          "A shell file that sets httpd's environment, sourced as apache2ctl does"
              + " (Debian: /etc/apache2/envvars), for ${VAR}.")
  Path envvars;

  /** The options, with the environment after sourcing --envvars. */
  HttpdOptions toOptions(Path confDir) throws HttpdConfigException {
    Map<String, String> env = new HashMap<>(System.getenv());
    if (envvars != null) {
      env = Envvars.read(envvars, confDir, env);
    }
    return new HttpdOptions(HttpdOptions.parseDefines(defines), new LinkedHashSet<>(modules), env);
  }
}
