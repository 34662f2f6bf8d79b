package io.vigie.console.report;

import io.vigie.checks.report.Report;
import io.vigie.checks.report.Verdict;
import io.vigie.checks.text.Lang;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Report rendering benchmark (not a test): a diagnostic with many devices rendered to HTML and PDF repeatedly in one
 * JVM after a warm-up; prints the median, min and max time per report. Run by {@code bench/report/run.sh} from the
 * console module's directory (the recorded machines are read from {@code ../agent/src/test/resources/machines}).
 *
 * <p>Arguments: {@code [devices=50] [runs=15] [warmup=5]}.
 */
public final class ReportBench {

    private ReportBench() {
    }

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path home = Files.createTempDirectory("vigie-report-bench");
        List<Report> base = ReportFixtures.machines(home);
        List<Report> many = ReportFixtures.many(base, devices);
        DiagnosticReport report = ReportFixtures.report(many, Lang.FR, true);
        ReportRenderer renderer = new ReportRenderer();
        int findings = many.stream().mapToInt(r -> r.findings().size()).sum();
        long fails = many.stream().flatMap(r -> r.findings().stream()).filter(f -> f.verdict() == Verdict.FAIL).count();

        for (int i = 0; i < warmup; i++) {
            renderer.pdf(report);
        }
        List<Double> total = new ArrayList<>();
        List<Double> htmlOnly = new ArrayList<>();
        int bytes = 0;
        int pages = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            String html = renderer.html(report);
            long t1 = System.nanoTime();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            renderer.pdf(html, out);
            long t2 = System.nanoTime();
            htmlOnly.add((t1 - t0) / 1e6);
            total.add((t2 - t0) / 1e6);
            bytes = out.size();
        }
        Collections.sort(total);
        Collections.sort(htmlOnly);
        Path pdf = home.resolve("bench.pdf");
        Files.write(pdf, renderer.pdf(report));
        System.out.printf("devices=%d findings=%d (FAIL in the annex: %d) runs=%d warmup=%d cores=%d %s%n", devices, findings,
                fails, runs, warmup, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name")
                        + " " + System.getProperty("java.version"));
        System.out.printf("html+pdf per report: median %.0f ms, min %.0f ms, max %.0f ms; html alone: median %.1f ms; pdf %d KB%n",
                median(total), total.get(0), total.get(total.size() - 1), median(htmlOnly), bytes / 1024);
        System.out.println("pdf written to " + pdf);
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
