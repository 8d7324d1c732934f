package io.querygov.spring;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** Runs Boot's own failure analyzers on a start failure and returns what Boot would print. */
final class BindValidationFailureAnalyzerProbe {

    String describe(Throwable failure) {
        // the analyzers that need the bean factory cannot be built here, and have nothing to say about binding
        for (FailureAnalyzer analyzer : SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class,
                SpringFactoriesLoader.ArgumentResolver.none(), SpringFactoriesLoader.FailureHandler.handleMessage(
                        (message, cause) -> { }))) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
                return analysis.getDescription() + "\n" + analysis.getAction();
            }
        }
        return "no analysis for " + failure;
    }
}
