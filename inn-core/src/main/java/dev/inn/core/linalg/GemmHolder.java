package dev.inn.core.linalg;

/** Picks the kernel once; the Vector API class is only loaded when its module is present. */
final class GemmHolder {

  static final Gemm BEST = choose();
  static final ElementKernels ELEMENTS = BEST instanceof ScalarGemm ? new ElementKernels.Scalar() : vectorElements();

  private GemmHolder() {}

  private static Gemm choose() {
    boolean wanted = !"false".equalsIgnoreCase(System.getProperty("inn.vector", "true"));
    boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    if (wanted && present) {
      try {
        return (Gemm) Class.forName("dev.inn.core.linalg.VectorGemm").getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException | LinkageError e) {
        // fall through to the portable kernel
      }
    }
    return new ScalarGemm();
  }

  private static ElementKernels vectorElements() {
    try {
      return (ElementKernels) Class.forName("dev.inn.core.linalg.VectorElementKernels").getDeclaredConstructor()
          .newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      return new ElementKernels.Scalar();
    }
  }
}
