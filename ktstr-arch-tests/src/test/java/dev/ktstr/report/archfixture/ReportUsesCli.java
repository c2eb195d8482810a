package dev.ktstr.report.archfixture;

/** Violates "report depends on api only". */
public class ReportUsesCli {
    public Object bad() {
        return new dev.ktstr.cli.KtstrSidecar();
    }
}
