package dev.qmcookie.schedule;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qmcookie.cookie.JsonTrees;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line per daemon event, with a timestamp: {@code key=value} text for people, or JSON for log
 * collectors. Callers never pass secrets; keys are masked before they get here.
 */
public final class EventLog {
  /** How lines are written. */
  public enum Format {
    TEXT,
    JSON
  }

  private final PrintWriter out;
  private final Format format;
  private final Clock clock;

  public EventLog(PrintWriter out, Format format, Clock clock) {
    this.out = out;
    this.format = format;
    this.clock = clock;
  }

  /** Event fields in the order given: {@code fields("via", "http", "tries", 2)}. */
  public static Map<String, Object> fields(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      m.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
    }
    return m;
  }

  /** Writes one event; {@code fields} in their iteration order, null values left out. */
  public synchronized void log(String event, String account, Map<String, ?> fields) {
    String time = clock.instant().toString();
    if (format == Format.JSON) {
      ObjectNode line = JsonTrees.object();
      line.put("time", time);
      line.put("event", event);
      if (account != null) {
        line.put("account", account);
      }
      fields.forEach(
          (k, v) -> {
            if (v instanceof Number n) {
              line.put(k, n.longValue());
            } else if (v != null) {
              line.put(k, String.valueOf(v));
            }
          });
      out.println(JsonTrees.compact(line));
    } else {
      StringBuilder line = new StringBuilder(time).append(' ').append(event);
      if (account != null) {
        line.append(" account=").append(account);
      }
      fields.forEach(
          (k, v) -> {
            if (v != null) {
              String s = String.valueOf(v);
              line.append(' ')
                  .append(k)
                  .append('=')
                  .append(s.matches("[^\\s\"]*") ? s : JsonTrees.quote(s));
            }
          });
      out.println(line);
    }
    out.flush();
  }
}
