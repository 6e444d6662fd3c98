package io.sfc.daemon;

import io.sfc.api.ApiServer;
import io.sfc.api.config.ApiConfig;
import java.io.IOException;
import java.security.GeneralSecurityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a controller's HTTP API as configured, with an operator's message when it cannot. */
final class ApiStart {
  private static final Logger LOG = LoggerFactory.getLogger(ApiStart.class);

  private ApiStart() {}

  /**
   * The started server, owned by {@code resources}, or null when {@code api.enabled: false}. Warns
   * when the API is exposed beyond this host without protection.
   *
   * @throws IOException naming the address and the fix when the server cannot start
   */
  static ApiServer start(ApiServer.Context context, Resources resources) throws IOException {
    ApiConfig api = context.api();
    if (!api.enabled()) {
      LOG.info("API disabled (api.enabled: false)");
      return null;
    }
    ApiServer server;
    try {
      server = resources.own(ApiServer.start(context));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new IOException(
          "cannot start the API on "
              + api.bind()
              + ":"
              + api.portOf(context.node())
              + ": "
              + e.getMessage()
              + " (set api.port or nodes[].api_port to a free port, or api.enabled: false)",
          e);
    }
    if (api.exposureWarning() != null) {
      LOG.warn("{}", api.exposureWarning());
    }
    return server;
  }
}
