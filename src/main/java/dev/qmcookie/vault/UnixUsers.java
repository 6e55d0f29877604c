package dev.qmcookie.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a user's uid and groups. The JDK names users but gives neither numbers nor group
 * membership, so the local files are read first (no process, and the files are what containers and
 * most servers use); a user they do not list (LDAP, sssd) is asked of {@code id}, which goes
 * through the system's name service. {@code id} is run by its absolute path, never through PATH,
 * because doctor often runs as root.
 */
public final class UnixUsers {
  private static final List<Path> ID_PROGRAMS = List.of(Path.of("/usr/bin/id"), Path.of("/bin/id"));
  private static final long ID_LIMIT_SECONDS = 5;

  private static final Pattern NUMERIC_USER =
      Pattern.compile("(\\d{1,9}):(\\d{1,9}(?:,\\d{1,9})*)");

  private final Path passwd;
  private final Path group;

  public UnixUsers(Path passwd, Path group) {
    this.passwd = passwd;
    this.group = group;
  }

  /** The system's own files. */
  public static UnixUsers system() {
    return new UnixUsers(Path.of("/etc/passwd"), Path.of("/etc/group"));
  }

  /**
   * The user with that name, or that uid when {@code nameOrUid} is a number; empty when unknown.
   * {@code UID:GID[,GID...]} names a user by numbers alone, as a container's user often is on the
   * host, where no file lists it.
   */
  public Optional<UnixUser> find(String nameOrUid) throws IOException {
    Matcher numbers = NUMERIC_USER.matcher(nameOrUid);
    if (numbers.matches()) {
      Set<Integer> groups = new HashSet<>();
      for (String g : numbers.group(2).split(",")) {
        groups.add(Integer.parseInt(g));
      }
      return Optional.of(
          new UnixUser("uid " + numbers.group(1), Integer.parseInt(numbers.group(1)), groups));
    }
    for (String line : lines(passwd)) {
      String[] f = line.split(":", -1);
      if (f.length >= 4
          && (f[0].equals(nameOrUid) || f[2].equals(nameOrUid))
          && isNumber(f[2])
          && isNumber(f[3])) {
        return Optional.of(
            new UnixUser(f[0], Integer.parseInt(f[2]), groupsOf(f[0], Integer.parseInt(f[3]))));
      }
    }
    return askId(nameOrUid);
  }

  /**
   * Whether group {@code gid} lets in {@code user} alone: the group file lists it with no member
   * but that user, and no other user has it as primary group. A group these files do not list (one
   * from a directory service) counts as letting others in.
   */
  public boolean groupHoldsOnly(int gid, String user) throws IOException {
    boolean listed = false;
    for (String line : lines(group)) {
      String[] f = line.split(":", -1);
      if (f.length >= 4 && f[2].equals(Integer.toString(gid))) {
        listed = true;
        for (String member : f[3].split(",")) {
          if (!member.isBlank() && !member.equals(user)) {
            return false;
          }
        }
      }
    }
    if (!listed) {
      return false;
    }
    for (String line : lines(passwd)) {
      String[] f = line.split(":", -1);
      if (f.length >= 4 && f[3].equals(Integer.toString(gid)) && !f[0].equals(user)) {
        return false;
      }
    }
    return true;
  }

  private Set<Integer> groupsOf(String name, int primary) throws IOException {
    Set<Integer> groups = new HashSet<>(Set.of(primary));
    for (String line : lines(group)) {
      String[] f = line.split(":", -1);
      if (f.length >= 4 && isNumber(f[2]) && List.of(f[3].split(",")).contains(name)) {
        groups.add(Integer.parseInt(f[2]));
      }
    }
    return groups;
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
  }

  private static Optional<UnixUser> askId(String nameOrUid) throws IOException {
    // A name starting with '-' would be read as an option.
    if (nameOrUid.isEmpty() || nameOrUid.startsWith("-")) {
      return Optional.empty();
    }
    Optional<Path> id = ID_PROGRAMS.stream().filter(Files::isExecutable).findFirst();
    if (id.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> name = run(id.get(), "-un", nameOrUid);
    Optional<String> uid = run(id.get(), "-u", nameOrUid);
    Optional<String> gids = run(id.get(), "-G", nameOrUid);
    if (name.isEmpty() || uid.isEmpty() || gids.isEmpty() || !isNumber(uid.get())) {
      return Optional.empty();
    }
    Set<Integer> groups = new HashSet<>();
    for (String g : gids.get().split("\\s+")) {
      if (isNumber(g)) {
        groups.add(Integer.parseInt(g));
      }
    }
    return Optional.of(new UnixUser(name.get(), Integer.parseInt(uid.get()), groups));
  }

  private static Optional<String> run(Path program, String option, String user) throws IOException {
    Process p =
        new ProcessBuilder(program.toString(), option, user).redirectErrorStream(false).start();
    try {
      p.getOutputStream().close();
      p.getErrorStream().close();
      if (!p.waitFor(ID_LIMIT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.exitValue() == 0 && !out.isEmpty() ? Optional.of(out) : Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return Optional.empty();
    }
  }

  private static boolean isNumber(String s) {
    return !s.isEmpty() && s.length() < 10 && s.chars().allMatch(Character::isDigit);
  }
}
