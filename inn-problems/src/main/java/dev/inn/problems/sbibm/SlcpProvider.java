package dev.inn.problems.sbibm;

/** Registers {@code slcp} (no settings). */
public final class SlcpProvider extends SbibmTaskProvider {

  public SlcpProvider() {
    super(Slcp.NAME, "sbibm slcp: 5 parameters, 4 bivariate normal points, multi-modal posterior", Slcp::new);
  }
}
