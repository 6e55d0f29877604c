package dev.qmcookie.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Measures qmcookie as separate processes and prints the figures: the idle daemon's resident
 * memory and CPU time, and the cold start of {@code status} and {@code export} against a bare JVM.
 * Run it with {@code docs/bench.sh}; see {@code docs/benchmarks.md}.
 *
 * <p>Arguments: {@code idle ACCOUNTS SECONDS [JVM flags…]} or {@code cold RUNS [JVM flags…]}.
 */
public final class ProcessBenchmarks {
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  public static void main(String[] args) throws Exception {
    List<String> flags = args.length > 2 ? Arrays.asList(args).subList(args[0].equals("idle") ? 3 : 2, args.length) : List.of();
    if (args.length > 0 && args[0].equals("cold")) {
      cold(Integer.parseInt(args[1]), flags);
    } else {
      idle(args.length > 1 ? Integer.parseInt(args[1]) : 1, args.length > 2 ? Integer.parseInt(args[2]) : 60, flags);
    }
  }

  static void idle(int accounts, int seconds, List<String> flags) throws Exception {
    Path home = Files.createTempDirectory("qmcookie-idle-");
    RenewAllBenchmark.seed(home, accounts, Instant.now().minus(Duration.ofHours(1)));
    List<String> cmd = java(flags, "dev.qmcookie.cli.Main", "daemon", "--home", home.toString(), "--endpoint", "http://127.0.0.1:9/");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(home.resolve("daemon.log").toFile()).start();
    try {
      Thread.sleep(8000); // start-up and the first scheduling pass
      long rss = statusKb(p.pid(), "VmRSS");
      long before = cpuTicks(p.pid());
      Thread.sleep(seconds * 1000L);
      long after = cpuTicks(p.pid());
      long rssAfter = statusKb(p.pid(), "VmRSS");
      System.out.printf("idle daemon, %d accounts, flags %s%n", accounts, flags.isEmpty() ? "(none)" : String.join(" ", flags));
      System.out.printf("  RSS after start-up: %.1f MB; after %ds idle: %.1f MB%n", rss / 1024.0, seconds, rssAfter / 1024.0);
      System.out.printf("  CPU time over %ds idle: %d ms%n", seconds, (after - before) * 1000 / CLOCK_TICKS_PER_SECOND);
    } finally {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  static void cold(int runs, List<String> flags) throws Exception {
    Path home = Files.createTempDirectory("qmcookie-cold-");
    RenewAllBenchmark.seed(home, 1, Instant.now().minus(Duration.ofHours(1)));
    Path hello = home.resolve("Hello.java");
    Files.writeString(hello, "class Hello { public static void main(String[] a) { System.out.println(\"hi\"); } }");
    javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", home.toString(), hello.toString());
    System.out.printf("cold start, best and median of %d runs, flags %s%n", runs, flags.isEmpty() ? "(none)" : String.join(" ", flags));
    report("bare JVM hello world", runs, List.of(javaBinary(), "-cp", home.toString(), "Hello"));
    report("status --all", runs, java(flags, "dev.qmcookie.cli.Main", "status", "--all", "--home", home.toString()));
    report("export", runs, java(flags, "dev.qmcookie.cli.Main", "export", "--home", home.toString(), "--account", "a0"));
  }

  private static void report(String what, int runs, List<String> cmd) throws Exception {
    long[] ms = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      p.waitFor(60, TimeUnit.SECONDS);
      ms[i] = (System.nanoTime() - start) / 1_000_000;
    }
    Arrays.sort(ms);
    System.out.printf("  %-22s best %4d ms, median %4d ms%n", what, ms[0], ms[runs / 2]);
  }

  // The shaded jar users run, when docs/bench.sh built it; else this run's class path.
  private static List<String> java(List<String> flags, String main, String... rest) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBinary());
    cmd.addAll(flags);
    String jar = System.getProperty("qmcookie.jar");
    if (jar != null && Files.isRegularFile(Path.of(jar))) {
      cmd.addAll(List.of("-jar", jar));
    } else {
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
    }
    cmd.addAll(List.of(rest));
    return cmd;
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static long statusKb(long pid, String field) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }

  // utime + stime, in clock ticks, from /proc/PID/stat (fields 14 and 15).
  private static long cpuTicks(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }
}
