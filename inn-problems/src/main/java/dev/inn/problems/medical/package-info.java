/**
 * The {@code medical-colon} problem (paper Sec. 4.2): functional parameters of a three-layer
 * colon tissue model (Wirkert et al. 2016) from 8 multispectral camera bands.
 *
 * <ul>
 *   <li>{@link dev.inn.problems.medical.ColonModel}: the 13 parameters, their prior, and the
 *       layer optics at a wavelength (hemoglobin absorption from
 *       {@link dev.inn.problems.medical.HemoglobinSpectrum}, Mie-like scattering).
 *   <li>{@link dev.inn.problems.medical.ColonReflectanceSimulator}: band reflectances through
 *       the {@link dev.inn.problems.medical.MultispectralCamera} by Monte Carlo
 *       ({@link dev.inn.problems.medical.montecarlo}) with an adaptive
 *       {@link dev.inn.problems.medical.PhotonBudget}.
 *   <li>{@link dev.inn.problems.medical.Measurement}: camera noise and normalisation.
 *   <li>{@link dev.inn.problems.medical.ColonDataGenerator}: the resumable data-set generator;
 *       {@link dev.inn.problems.medical.ColonDataSet} reads its output.
 *   <li>{@link dev.inn.problems.medical.MedicalColonProvider}: the registered problem.
 * </ul>
 *
 * <p>Data: by default the problem reads the data set bundled in this module's resources
 * ({@code dev/inn/problems/medical/colon-v1/}: {@code generator.properties} plus
 * {@code chunk-NNNNN.f32} files); setting {@code data} points it to any folder written by the
 * generator instead.
 */
package dev.inn.problems.medical;
