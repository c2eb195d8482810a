package dev.ktstr.api.archfixture;

/** Violates "api depends on nothing of ours". */
public class ApiUsesReport {
    public Object bad() {
        return new dev.ktstr.report.ReportException("x");
    }
}
