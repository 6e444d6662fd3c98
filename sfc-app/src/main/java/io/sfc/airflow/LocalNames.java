package io.sfc.airflow;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** The names and addresses by which {@code scheduler_nodes_in_cluster} may name this machine. */
public final class LocalNames {
  private LocalNames() {}

  /** Host name, canonical name, {@code localhost} and every address of every interface. */
  public static Set<String> of() {
    Set<String> names = new LinkedHashSet<>();
    names.add("localhost");
    try {
      InetAddress local = InetAddress.getLocalHost();
      names.add(local.getHostName());
      names.add(local.getCanonicalHostName());
    } catch (UnknownHostException e) {
      // no resolvable host name: addresses still match
    }
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        nif.inetAddresses().forEach(a -> names.add(a.getHostAddress().replaceAll("%.*$", "")));
      }
    } catch (SocketException e) {
      // no interfaces readable: names still match
    }
    return names;
  }
}
