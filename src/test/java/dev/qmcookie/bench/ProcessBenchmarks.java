package dev.qmcookie.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Measures qmcookie as separate processes and prints the figures: the idle daemon's resident memory
 * and CPU time, and the cold start of {@code status} and {@code export} against a bare JVM and
 * against the least a picocli program costs, with {@code java -jar} and with the launcher. Run it
 * with {@code docs/bench.sh}; see {@code docs/benchmarks.md}.
 *
 * <p>Arguments: {@code idle ACCOUNTS SECONDS [JVM flags…]} or {@code cold RUNS [JVM flags…]}.
 */
public final class ProcessBenchmarks {
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  public static void main(String[] args) throws Exception {
    List<String> flags =
        args.length > 2
            ? Arrays.asList(args).subList(args[0].equals("idle") ? 3 : 2, args.length)
            : List.of();
    if (args.length > 0 && args[0].equals("cold")) {
      cold(Integer.parseInt(args[1]), flags);
    } else {
      idle(
          args.length > 1 ? Integer.parseInt(args[1]) : 1,
          args.length > 2 ? Integer.parseInt(args[2]) : 60,
          flags);
    }
  }

  static void idle(int accounts, int seconds, List<String> flags) throws Exception {
    Path home = Files.createTempDirectory("qmcookie-idle-");
    RenewAllBenchmark.seed(home, accounts, Instant.now().minus(Duration.ofHours(1)));
    idleDaemon(home, List.of(), "", accounts, seconds, flags);
  }

  /**
   * Starts {@code daemon --home HOME} with these extra arguments, lets it settle, and prints its
   * RSS and the CPU time it spends idle.
   */
  static void idleDaemon(
      Path home,
      List<String> extraArgs,
      String label,
      int accounts,
      int seconds,
      List<String> flags)
      throws Exception {
    List<String> daemon =
        new ArrayList<>(
            List.of(
                "daemon",
                "--home",
                home.toString(),
                "--endpoint",
                "http://127.0.0.1:9/",
                "--no-check"));
    daemon.addAll(extraArgs);
    // With -Dqmcookie.idle.launcher=PATH the daemon runs through the launcher and its CDS archive.
    String launcher = System.getProperty("qmcookie.idle.launcher");
    ProcessBuilder pb;
    if (launcher != null) {
      Map<String, String> env = launcherEnv(home, flags);
      awaitLauncherArchive(launcher, env);
      List<String> cmd = new ArrayList<>(List.of(launcher));
      cmd.addAll(daemon);
      pb = new ProcessBuilder(cmd);
      pb.environment().putAll(env);
    } else {
      pb = new ProcessBuilder(java(flags, "dev.qmcookie.cli.Main", daemon.toArray(String[]::new)));
    }
    Process p =
        pb.redirectErrorStream(true).redirectOutput(home.resolve("daemon.log").toFile()).start();
    try {
      Thread.sleep(8000); // start-up and the first scheduling pass
      long rss = statusKb(p.pid(), "VmRSS");
      long before = cpuTicks(p.pid());
      Thread.sleep(seconds * 1000L);
      long after = cpuTicks(p.pid());
      long rssAfter = statusKb(p.pid(), "VmRSS");
      System.out.printf(
          "idle daemon%s%s, %d accounts, flags %s%n",
          launcher == null ? "" : " (launcher)",
          label,
          accounts,
          flags.isEmpty() ? "(none)" : String.join(" ", flags));
      System.out.printf(
          "  RSS after start-up: %.1f MB; after %ds idle: %.1f MB%n",
          rss / 1024.0, seconds, rssAfter / 1024.0);
      System.out.printf(
          "  CPU time over %ds idle: %d ms%n",
          seconds, (after - before) * 1000 / CLOCK_TICKS_PER_SECOND);
    } finally {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  static void cold(int runs, List<String> flags) throws Exception {
    Path home = Files.createTempDirectory("qmcookie-cold-");
    RenewAllBenchmark.seed(home, 1, Instant.now().minus(Duration.ofHours(1)));
    compile(
        home,
        "Hello.java",
        "class Hello { public static void main(String[] a) { System.out.println(\"hi\"); } }");
    // The least any picocli program costs: one command, one option, nothing else.
    compile(
        home,
        "Pico.java",
        "@picocli.CommandLine.Command(name = \"pico\") class Pico implements Runnable {"
            + " @picocli.CommandLine.Option(names = \"--home\") String home;"
            + " public void run() { System.out.println(home); }"
            + " public static void main(String[] a) { System.exit(new picocli.CommandLine(new Pico()).execute(a)); } }");
    // CDS archives classes from jars only, not from folders.
    Path picoJar = home.resolve("pico.jar");
    java.util.spi.ToolProvider.findFirst("jar")
        .orElseThrow()
        .run(System.out, System.err, "cf", picoJar.toString(), "-C", home.toString(), "Pico.class");
    String picoPath = picoJar + File.pathSeparator + picocliJar();
    Path picoArchive = staticArchive(home, picoPath, "Pico", flags);

    System.out.printf(
        "cold start, best and median of %d runs, flags %s%n",
        runs, flags.isEmpty() ? "(none)" : String.join(" ", flags));
    report(
        "bare JVM hello world",
        runs,
        List.of(javaBinary(), "-cp", home.toString(), "Hello"),
        Map.of());
    report(
        "picocli, 1 option",
        runs,
        javaWith(flags, "-cp", picoPath, "Pico", "--home", "x"),
        Map.of());
    report(
        "  + CDS archive",
        runs,
        javaWith(
            flags, "-XX:SharedArchiveFile=" + picoArchive, "-cp", picoPath, "Pico", "--home", "x"),
        Map.of());
    report(
        "status --all (java -jar)",
        runs,
        java(flags, "dev.qmcookie.cli.Main", "status", "--all", "--home", home.toString()),
        Map.of());
    report(
        "status (java -jar)",
        runs,
        java(
            flags, "dev.qmcookie.cli.Main", "status", "--home", home.toString(), "--account", "a0"),
        Map.of());
    report(
        "export (java -jar)",
        runs,
        java(
            flags, "dev.qmcookie.cli.Main", "export", "--home", home.toString(), "--account", "a0"),
        Map.of());
    String launcher = System.getProperty("qmcookie.launcher");
    if (launcher != null && Files.isExecutable(Path.of(launcher))) {
      Map<String, String> env = launcherEnv(home, flags);
      awaitLauncherArchive(launcher, env);
      report(
          "status --all (launcher)",
          runs,
          List.of(launcher, "status", "--all", "--home", home.toString()),
          env);
      report(
          "status (launcher)",
          runs,
          List.of(launcher, "status", "--home", home.toString(), "--account", "a0"),
          env);
      report(
          "export (launcher)",
          runs,
          List.of(launcher, "export", "--home", home.toString(), "--account", "a0"),
          env);
    }
  }

  private static void compile(Path dir, String name, String source) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, source);
    int code =
        javax.tools.ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "-cp",
                dir + File.pathSeparator + picocliJar(),
                "-d",
                dir.toString(),
                file.toString());
    if (code != 0) {
      throw new IllegalStateException("cannot compile " + name);
    }
  }

  private static String picocliJar() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> e.contains("picocli"))
        .findFirst()
        .orElseThrow();
  }

  // What the launcher does: list the classes one run loads, then dump them into a static archive.
  private static Path staticArchive(Path dir, String classPath, String main, List<String> flags)
      throws Exception {
    Path list = dir.resolve(main + ".classes");
    Path archive = dir.resolve(main + ".jsa");
    run(javaWith(flags, "-XX:DumpLoadedClassList=" + list, "-cp", classPath, main));
    run(
        javaWith(
            flags,
            "-Xshare:dump",
            "-XX:SharedClassListFile=" + list,
            "-XX:SharedArchiveFile=" + archive,
            "-cp",
            classPath));
    return archive;
  }

  private static Map<String, String> launcherEnv(Path home, List<String> flags) {
    Map<String, String> env = new HashMap<>();
    env.put("QMCOOKIE_CDS_DIR", home.resolve("cds").toString());
    if (!flags.isEmpty()) {
      env.put("QMCOOKIE_JAVA_OPTS", String.join(" ", flags));
    }
    return env;
  }

  // The launcher's first run starts the archive in the background; the figures are for later runs.
  private static void awaitLauncherArchive(String launcher, Map<String, String> env)
      throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(launcher, "--version").redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env);
    pb.start().waitFor(60, TimeUnit.SECONDS);
    Path dir = Path.of(env.get("QMCOOKIE_CDS_DIR"));
    for (int i = 0; i < 600; i++) {
      try (var files = Files.list(dir)) {
        if (files.anyMatch(f -> f.toString().endsWith(".jsa"))) {
          return;
        }
      } catch (java.nio.file.NoSuchFileException notYet) {
        // the launcher creates it
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the launcher made no archive in " + dir);
  }

  private static void run(List<String> cmd) throws Exception {
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("failed: " + String.join(" ", cmd));
    }
  }

  private static void report(String what, int runs, List<String> cmd, Map<String, String> env)
      throws Exception {
    long[] ms = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment().putAll(env);
      Process p = pb.start();
      p.waitFor(60, TimeUnit.SECONDS);
      ms[i] = (System.nanoTime() - start) / 1_000_000;
    }
    Arrays.sort(ms);
    System.out.printf("  %-26s best %4d ms, median %4d ms%n", what, ms[0], ms[runs / 2]);
  }

  // The shaded jar users run, when docs/bench.sh built it; else this run's class path.
  static List<String> java(List<String> flags, String main, String... rest) {
    List<String> cmd = javaWith(flags);
    String jar = System.getProperty("qmcookie.jar");
    if (jar != null && Files.isRegularFile(Path.of(jar))) {
      cmd.addAll(List.of("-jar", jar));
    } else {
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
    }
    cmd.addAll(List.of(rest));
    return cmd;
  }

  private static List<String> javaWith(List<String> flags, String... rest) {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBinary());
    cmd.addAll(flags);
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
