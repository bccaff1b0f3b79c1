package dev.inn.bench.cli;

import dev.inn.api.plugin.PluginLookup;
import dev.inn.core.persistence.ModelFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The model file argument of a command that may simulate (analyze, diagnose), loaded with the
 * user's consent to any command it stores. A model's problem settings may hold a {@code command}
 * (the {@code external} simulator), and a model file is checksummed, not signed: a model received
 * from someone else could run anything. So a stored command runs only with the user's consent:
 * the command given again ({@code --simulator-command}, which replaces the stored one) or
 * {@code --run-model-command}.
 */
final class ConsentedModel {

  /** The problem setting that names a program to run. */
  private static final String COMMAND = "command";

  @Parameters(index = "0", paramLabel = "MODEL", description = "model file from 'inn train'")
  Path file;

  @Option(names = "--simulator-command", paramLabel = "CMD",
      description = "the simulator command to run for a model of an external simulator (replaces the command the "
          + "model file stores)")
  String command;

  @Option(names = "--run-model-command",
      description = "run the simulator command stored in the model file (a model file is not signed: only for "
          + "models you made or trust)")
  boolean runStored;

  /** The model, refused before anything runs when it stores a command the user did not consent to. */
  ModelFile.Loaded load(PluginLookup plugins) throws IOException {
    ModelFile.Loaded loaded = ModelFile.load(file, plugins);
    Object stored = loaded.header().problemSettings().asMap().get(COMMAND);
    boolean runsCommand = stored instanceof String s && !s.isBlank();
    if (!runsCommand) {
      if (command != null) {
        throw new IllegalArgumentException("--simulator-command: the model's problem '" + loaded.header().problem()
            + "' runs no command");
      }
      return loaded;
    }
    if (command != null) {
      if (command.isBlank()) {
        throw new IllegalArgumentException("--simulator-command is empty");
      }
      return ModelFile.load(file, plugins, Map.of(COMMAND, command));
    }
    if (!runStored) {
      throw new IllegalArgumentException("model " + file + " stores the simulator command \"" + stored + "\", which"
          + " this command would run; a model file is not signed, so inn runs it only when you say so: give the"
          + " command again with --simulator-command '" + stored + "', or pass --run-model-command");
    }
    return loaded;
  }

  /** The page's model line, naming the command that ran and why it was allowed. */
  String describe(ModelFile.Loaded loaded) {
    String description = ModelDescription.of(file, loaded);
    Object run = loaded.header().problemSettings().asMap().get(COMMAND);
    if (!(run instanceof String s) || s.isBlank()) {
      return description;
    }
    return description + "; simulator command run: \"" + run + "\" ("
        + (command != null ? "given with --simulator-command" : "stored in the model, run with --run-model-command")
        + ")";
  }
}
