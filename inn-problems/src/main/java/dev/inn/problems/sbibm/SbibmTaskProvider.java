package dev.inn.problems.sbibm;

import dev.inn.api.problem.Problem;
import dev.inn.api.problem.ProblemProvider;
import dev.inn.api.settings.Settings;
import java.util.function.Supplier;

/** Registers one sbibm task (no settings); one small subclass per task for the service loader. */
public abstract class SbibmTaskProvider implements ProblemProvider {

  private final String name;
  private final String description;
  private final Supplier<SbibmTask> factory;

  protected SbibmTaskProvider(String name, String description, Supplier<SbibmTask> factory) {
    this.name = name;
    this.description = description;
    this.factory = factory;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public Problem create(Settings settings) {
    return factory.get();
  }
}
