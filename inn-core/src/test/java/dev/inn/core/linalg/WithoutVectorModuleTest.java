package dev.inn.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A user who runs the jars without --add-modules jdk.incubator.vector gets the portable kernel. */
class WithoutVectorModuleTest {

  /** Entry point of the child JVM: prints the kernel it picked and one product. */
  public static void main(String[] args) {
    float[] c = new float[1];
    Gemm.best().multiply(new float[] {2f, 3f}, new float[] {5f, 7f}, c, 2, 1, 0, 1, false);
    System.out.println(Gemm.best().description() + " " + c[0]);
  }

  @Test
  void fallsBackToScalarKernel() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        WithoutVectorModuleTest.class.getName()).redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    assertThat(out).isEqualTo("scalar 31.0");
  }
}
