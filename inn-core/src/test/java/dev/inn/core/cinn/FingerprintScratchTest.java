package dev.inn.core.cinn;

import dev.inn.api.data.Dataset;
import dev.inn.api.data.Matrix;
import dev.inn.api.method.TrainingContext;
import dev.inn.core.plugin.PluginRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintScratchTest {
  @Test
  void print() throws Exception {
    var problem = CinnMethodTest.linearGaussian();
    Dataset d = problem.sample(1500, 3);
    var m = new CinnMethod(problem, CinnMethodTest.settings(Map.of("hidden", 0, "ensemble", 2, "max_epochs", 6)), PluginRegistry.fromClassPath());
    m.train(d, new TrainingContext(5, dev.inn.api.method.ProgressListener.NONE));
    Matrix s = m.sample(new float[] {0.3f, -0.7f}, 300, 11);
    double[] ld = m.logDensity(new float[] {0.3f, -0.7f}, s);
    java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
    for (float v : s.data()) md.update(java.nio.ByteBuffer.allocate(4).putFloat(v).array());
    for (double v : ld) md.update(java.nio.ByteBuffer.allocate(8).putDouble(v).array());
    var bo = new java.io.ByteArrayOutputStream();
    m.save(new java.io.DataOutputStream(bo));
    System.out.println("FINGERPRINT " + java.util.HexFormat.of().formatHex(md.digest()) + " saved " + bo.size());
  }
}
