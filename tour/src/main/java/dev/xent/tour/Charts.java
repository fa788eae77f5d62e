package dev.xent.tour;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The tour's charts, drawn with XChart and written as PNG (headless: no window is opened).
 *
 * <p>Why XChart: it renders PNG with plain Java2D and no other jar (JFreeChart would do as well;
 * XChart's builder API keeps each chart to a few lines, which suits a tutorial).
 */
final class Charts {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private Charts() {
    }

    /** A bar chart of one distribution, like the tutorial's {@code pyplot.bar(events, p)}. */
    static void bars(Path file, String title, List<String> events, List<Double> probabilities) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("event").yAxisTitle("probability").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.addSeries(title, events, probabilities);
        write(chart, file);
    }

    /**
     * Cross-entropy against the predicted distribution, a line with markers and x tick labels like
     * {@code [0.1,0.9]}, as the tutorial's {@code pyplot.plot(..., marker='.')} with its
     * {@code xticks}.
     */
    static void crossEntropyCurve(Path file, String title, List<String> distributions, List<Double> nats) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("Probability Distribution").yAxisTitle("Cross-Entropy (nats)").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        chart.getStyler().setXAxisLabelRotation(70);
        // every distribution gets its tick label, as in the tutorial's xticks
        chart.getStyler().setXAxisTickMarkSpacingHint(20);
        chart.addSeries("cross-entropy", distributions, nats);
        write(chart, file);
    }

    private static void write(Chart<?, ?> chart, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", out)) {
                throw new IllegalStateException("no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the chart: " + e.getMessage(), e);
        }
    }
}
