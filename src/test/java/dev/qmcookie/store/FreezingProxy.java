package dev.qmcookie.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay to Redis that can go silent without closing anything, like a route that
 * dropped or a host that lost power: bytes are swallowed both ways, and connections made meanwhile
 * are never answered.
 */
final class FreezingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final int target;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean frozen;

  FreezingProxy(int target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "freezing-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  String url() {
    return "redis://127.0.0.1:" + server.getLocalPort() + "/0";
  }

  void freeze() {
    frozen = true;
  }

  /** New connections are relayed again; the frozen ones stay dead. */
  void thaw() {
    frozen = false;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        if (frozen) {
          continue; // never answered
        }
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
        sockets.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              boolean dead = false;
              try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  dead |= frozen; // once frozen, this connection never carries a byte again
                  if (!dead) {
                    out.write(buffer, 0, n);
                    out.flush();
                  }
                }
              } catch (IOException ended) {
                // closed by either end
              }
            },
            "freezing-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
