package dev.subinterp.cli;

import dev.subinterp.service.RunnerService;

/** {@code scripts/runner daemon serve}: the warm service, serving this command line. */
public final class ServiceMain {
    private ServiceMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        RunnerCli.quietLibraryJitNotice();
        RunnerService.serve(RunnerCli::run);
    }
}
