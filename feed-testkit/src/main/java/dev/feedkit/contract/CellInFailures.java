package dev.feedkit.contract;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Names the cell of the matrix in the message of every failing contract test: test reports name
 * a test by its method alone, which every cell shares.
 */
final class CellInFailures implements TestExecutionExceptionHandler {

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    if (failure instanceof TestAbortedException) {
      throw failure;
    }
    String cell =
        context
            .getTestInstances()
            .flatMap(instances -> instances.findInstance(FeedStoreContract.class))
            .map(contract -> String.valueOf(contract.variant()))
            .orElse(null);
    if (cell == null) {
      throw failure;
    }
    throw new AssertionError("[" + cell + "] " + failure.getMessage(), failure);
  }
}
