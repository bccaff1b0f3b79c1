package dev.inn.bench.report;

import java.awt.image.BufferedImage;

/**
 * One figure of a report.
 *
 * @param file file name of the PNG inside the problem's figures folder
 * @param title heading in the HTML report
 * @param caption what is shown
 * @param image the rendered figure
 */
public record Figure(String file, String title, String caption, BufferedImage image) {}
