package dev.xent.verification;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs kit checks the way a build runs them, through the JUnit Platform launcher, and collects each
 * test's outcome by display name ({@code [id] check}): so the kit's own tests see exactly what a
 * backend's author would see, failures and skips included.
 */
final class KitRun {

    /** One test's outcome: the status and, for a failure or a skip, the message. */
    record Outcome(TestExecutionResult.Status status, String message) {
        boolean failed() {
            return status == TestExecutionResult.Status.FAILED;
        }

        boolean passed() {
            return status == TestExecutionResult.Status.SUCCESSFUL;
        }

        boolean aborted() {
            return status == TestExecutionResult.Status.ABORTED;
        }
    }

    private KitRun() {
    }

    /**
     * Runs the named checks (all of them when none is named) of a kit subclass.
     *
     * @param kit the subclass of {@link InformationMeasuresVerification}
     * @param checks method names
     * @return display name → outcome, in execution order
     */
    static Map<String, Outcome> run(Class<? extends InformationMeasuresVerification> kit, String... checks) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        if (checks.length == 0) {
            request.selectors(selectClass(kit));
        }
        for (String check : checks) {
            request.selectors(selectMethod(kit, check));
        }
        LauncherDiscoveryRequest built = request.build();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        List<AssertionError> containerFailures = new ArrayList<>();
        LauncherFactory.create().execute(built, new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                Optional<Throwable> t = result.getThrowable();
                if (test.isTest()) {
                    outcomes.put(test.getDisplayName(), new Outcome(result.getStatus(),
                            t.map(Throwable::getMessage).orElse("")));
                } else if (t.isPresent()) {
                    containerFailures.add(new AssertionError("the kit itself failed in " + test.getDisplayName(),
                            t.get()));
                }
            }

            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                outcomes.put(test.getDisplayName(), new Outcome(TestExecutionResult.Status.ABORTED, reason));
            }
        });
        if (!containerFailures.isEmpty()) {
            throw containerFailures.get(0);
        }
        return outcomes;
    }

    /**
     * The outcome of the one check run.
     *
     * @param kit the kit subclass
     * @param check the method name
     * @return its outcome
     */
    static Outcome one(Class<? extends InformationMeasuresVerification> kit, String check) {
        Map<String, Outcome> all = run(kit, check);
        if (all.size() != 1) {
            throw new AssertionError("expected one test from " + kit.getSimpleName() + "." + check + ", got " + all);
        }
        return all.values().iterator().next();
    }
}
