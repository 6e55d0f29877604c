package dev.qmcookie.vault;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.qmcookie.cookie.JsonTrees;
import dev.qmcookie.failure.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code <home>/config.json}: option values that need not be typed each time. Top-level keys apply
 * to every command that has the option; a section named after a command applies to it alone and
 * wins. Keys are long option names without dashes.
 *
 * <pre>{"account": "default", "store": "redis://10.0.0.5:6379/0",
 *  "daemon": {"export": ["header:/srv/Meting-API/cookie/tencent"], "listen": "8091"}}</pre>
 *
 * A {@code store} address with a password makes the file a secret: it must then be readable by its
 * owner alone.
 */
public final class ConfigDocument {
  private final Path file;
  private final JsonNode root;

  private ConfigDocument(Path file, JsonNode root) {
    this.file = file;
    this.root = root;
  }

  /**
   * The config of that home, if it has one. Call {@link #untrusted} first: this reads the file
   * whoever may have written it.
   *
   * @throws InvalidInputException when the file is not a JSON object
   */
  public static ConfigDocument of(HomeChoice home) {
    Path file = home.path().resolve(Vault.CONFIG_FILE);
    if (!Files.isRegularFile(file) || (home.isDefault() && unsafeDefault(home))) {
      return null;
    }
    try {
      JsonNode root = JsonTrees.read(Files.readAllBytes(file));
      if (!root.isObject()) {
        throw new InvalidInputException(file + " must hold a JSON object of option values");
      }
      ConfigDocument config = new ConfigDocument(file, root);
      config.requirePrivateWhenItHoldsAPassword();
      return config;
    } catch (JsonProcessingException e) {
      // It may hold a secret, such as a webhook address: say where it is broken, not what is there.
      throw new InvalidInputException(file + " is not valid JSON (" + JsonTrees.position(e) + ")");
    } catch (IOException e) {
      throw new InvalidInputException(file + " cannot be read: " + e.getMessage());
    }
  }

  /**
   * Why the config of the home the command line names must not be read: its endpoint, browser path
   * or hooks would decide where the cookie goes and what runs, so the home and the file must be the
   * user's own. The default home in a folder others control is skipped by {@link #of} instead, as
   * most commands refuse to use it and the rest (help) need no config.
   */
  public static Optional<String> untrusted(HomeChoice home) {
    if (home.isDefault() && unsafeDefault(home)) {
      return Optional.empty();
    }
    try {
      Optional<String> problem = home.problem();
      if (problem.isEmpty()) {
        problem =
            TrustedPath.settingsFileProblem(home.path().resolve(Vault.CONFIG_FILE))
                .map(u -> "the config " + u.message());
      }
      return problem;
    } catch (IOException e) {
      return Optional.of(
          "cannot check the owner of "
              + home.path().resolve(Vault.CONFIG_FILE)
              + ": "
              + e.getMessage());
    }
  }

  private static boolean unsafeDefault(HomeChoice home) {
    try {
      return home.problem().isPresent();
    } catch (IOException e) {
      return true;
    }
  }

  /** The option whose value may carry a password: the shared store's address. */
  public static final String STORE_KEY = "store";

  // A store address with a password gives whoever reads it the cookies of every host: a config
  // that holds one must be the owner's to read alone, as the cookie files are.
  private void requirePrivateWhenItHoldsAPassword() throws IOException {
    List<JsonNode> stores = new ArrayList<>();
    stores.add(root.get(STORE_KEY));
    root.forEach(section -> stores.add(section.isObject() ? section.get(STORE_KEY) : null));
    boolean password =
        stores.stream().anyMatch(v -> v != null && v.isTextual() && hasPassword(v.asText()));
    if (password) {
      Optional<TrustedPath.Untrusted> problem = TrustedPath.privateFileProblem(file.toRealPath());
      if (problem.isPresent()) {
        throw new InvalidInputException(
            "the config holds the store's password, and " + problem.get().message());
      }
    }
  }

  // Any '@' after the scheme may close a password: clients differ on "redis://secret@host", and
  // a password may hold '/' or '@' that java.net.URI would read as the path or the host.
  private static boolean hasPassword(String url) {
    int schemeEnd = url.indexOf("://");
    return url.indexOf('@', Math.max(schemeEnd, 0)) >= 0;
  }

  /** The value {@code command} gets for option {@code key}: its section's, else the top level's. */
  public JsonNode valueFor(String command, String key) {
    JsonNode section = command == null ? null : root.get(command);
    return section != null && section.isObject() && section.has(key)
        ? section.get(key)
        : root.get(key);
  }

  /**
   * {@link #valueFor} as option text: a list gives one item per line; null when there is no plain
   * value.
   */
  public String textFor(String command, String key) {
    JsonNode value = valueFor(command, key);
    if (value == null || value.isNull() || value.isObject()) {
      return null;
    }
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(v -> items.add(v.asText()));
      return String.join("\n", items);
    }
    return value.asText();
  }

  /**
   * A repeatable option's values, with a configured list (given to picocli as one value, one item
   * per line by {@link #textFor}) taken apart again.
   */
  public static List<String> items(List<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      out.addAll(v.lines().filter(l -> !l.isBlank()).toList());
    }
    return out;
  }

  public Path file() {
    return file;
  }

  /**
   * Every key must be an option of some command, or a command's section holding its options: a typo
   * would otherwise be silently ignored.
   *
   * @param commands the names of the commands
   * @param everyOption the long option names of every command, for a top-level key
   * @param optionsOf a command's long option names, or null when its section is not checked now
   * @throws InvalidInputException naming every unknown key
   */
  public void requireKnownKeys(
      Set<String> commands, Set<String> everyOption, Function<String, Set<String>> optionsOf) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      String key = e.getKey();
      if (commands.contains(key) && e.getValue().isObject()) {
        Set<String> own = optionsOf.apply(key);
        if (own != null) {
          e.getValue()
              .fieldNames()
              .forEachRemaining(
                  k -> {
                    if (!own.contains(k)) {
                      problems.add(key + "." + k + " is not an option of " + key);
                    }
                  });
        }
      } else if (!everyOption.contains(key)) {
        problems.add(key + " is neither an option nor a command");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(file + " has unknown keys", problems);
    }
  }
}
