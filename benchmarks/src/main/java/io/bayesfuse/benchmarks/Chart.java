package io.bayesfuse.benchmarks;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** PNG charts of benchmark results (JFreeChart, drawn headless). */
public final class Chart {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    /** A point series: x, y pairs. */
    public record Series(String name, List<double[]> points) {
    }

    /** One panel of a stacked chart: its y-axis label and its series. */
    public record Panel(String yLabel, List<Series> series) {
    }

    private Chart() {
    }

    /** Bars: {@code values.get(series).get(category)}; categories in the maps' order. */
    public static JFreeChart bars(String title, String yLabel, Map<String, Map<String, Double>> values) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        values.forEach((series, byCategory) -> byCategory.forEach((category, value) -> data.addValue(value, series, category)));
        JFreeChart chart = ChartFactory.createBarChart(title, null, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
        chart.getCategoryPlot().setBackgroundPaint(Color.WHITE);
        chart.getCategoryPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
        chart.getCategoryPlot().getDomainAxis().setMaximumCategoryLabelLines(2);   // "baseline-posteriors" in full
        chart.getCategoryPlot().getDomainAxis().setMaximumCategoryLabelWidthRatio(1.5f);
        return chart;
    }

    /** Lines with points; a logarithmic x axis when {@code logX}. */
    public static JFreeChart lines(String title, String xLabel, String yLabel, List<Series> series, boolean logX) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, collection(series), PlotOrientation.VERTICAL,
                true, false, false);
        XYPlot plot = chart.getXYPlot();
        style(plot);
        if (logX) {
            LogarithmicAxis axis = new LogarithmicAxis(xLabel);
            axis.setAllowNegativesFlag(false);
            plot.setDomainAxis(axis);
        }
        return chart;
    }

    /** Panels stacked over one shared x axis (time series of a soak test). */
    public static JFreeChart stacked(String title, String xLabel, List<Panel> panels) {
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(new NumberAxis(xLabel));
        combined.setGap(10);
        for (Panel panel : panels) {
            NumberAxis y = new NumberAxis(panel.yLabel());
            y.setAutoRangeIncludesZero(true);
            XYPlot plot = new XYPlot(collection(panel.series()), null, y, new XYLineAndShapeRenderer(true, false));
            style(plot);
            combined.add(plot, 1);
        }
        return new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, combined, true);
    }

    private static XYSeriesCollection collection(List<Series> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Series s : series) {
            XYSeries xy = new XYSeries(s.name(), false, true);
            s.points().forEach(p -> xy.add(p[0], p[1]));
            data.addSeries(xy);
        }
        return data;
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        if (plot.getRenderer() instanceof XYLineAndShapeRenderer renderer) {
            renderer.setDefaultShapesVisible(true);
        }
    }

    /** Writes the charts side by side into one PNG, each {@code width} x {@code height} pixels. */
    public static void write(Path png, int width, int height, JFreeChart... charts) {
        BufferedImage image = new BufferedImage(width * charts.length, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < charts.length; i++) {
                charts[i].draw(g, new Rectangle2D.Double(i * width, 0, width, height));
            }
        } finally {
            g.dispose();
        }
        try {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", png.toFile())) {
                throw new IOException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart " + png + ": " + e.getMessage(), e);
        }
    }
}
