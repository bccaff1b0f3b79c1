package dev.inn.bench.cli;

import com.moandjiezana.toml.Toml;
import dev.inn.problems.store.SimulationStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The problem and settings a simulation store was made with, as plugin settings. */
record StoreSettings(String problem, Map<String, Object> settings) {

  static StoreSettings read(Path folder) {
    SimulationStore.Header h = SimulationStore.header(folder);
    Map<String, Object> out = new LinkedHashMap<>();
    // the manifest writes each value as a TOML literal
    h.settings().forEach((k, v) -> out.put(k, new Toml().read("v = " + v).toMap().get("v")));
    return new StoreSettings(h.problem(), out);
  }
}
